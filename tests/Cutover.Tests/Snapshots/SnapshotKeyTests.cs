using Cutover.Scripts;
using Cutover.Snapshots;
using Shouldly;

namespace Cutover.Tests.Snapshots;

public sealed class SnapshotKeyTests
{
    private static MigrationSet Set(string body, string? schema = null) => MigrationSet.Create("test",
        [new ScriptFile("01.00.00_01_pre_a.sql", "a", body), new ScriptFile("02.00.00_50_post_b.sql", "b", "SELECT 2;")],
        schema is null ? null : new ScriptFile("schema.sql", "schema.sql", schema));

    private static readonly SnapshotRequest All = new();

    [Fact]
    public void Same_inputs_give_the_same_key()
    {
        SnapshotKey.Compute(Set("SELECT 1;"), All, null).ShouldBe(SnapshotKey.Compute(Set("SELECT 1;"), All, null));
    }

    [Fact]
    public void A_changed_script_changes_the_key()
    {
        SnapshotKey.Compute(Set("SELECT 1;"), All, null).ShouldNotBe(SnapshotKey.Compute(Set("SELECT 3;"), All, null));
    }

    [Fact]
    public void A_changed_schema_changes_the_key()
    {
        SnapshotKey.Compute(Set("SELECT 1;", "SELECT 1;"), All, null)
            .ShouldNotBe(SnapshotKey.Compute(Set("SELECT 1;", "SELECT 2;"), All, null));
    }

    [Fact]
    public void Server_facts_change_the_key()
    {
        var set = Set("SELECT 1;");

        SnapshotKey.Compute(set, All, new ServerFacts(15, "plpgsql=1.0"))
            .ShouldNotBe(SnapshotKey.Compute(set, All, new ServerFacts(16, "plpgsql=1.0")));
        SnapshotKey.Compute(set, All, new ServerFacts(15, "plpgsql=1.0"))
            .ShouldNotBe(SnapshotKey.Compute(set, All, null));
    }

    [Fact]
    public void Equal_release_versions_give_the_same_stage_key()
    {
        var set = Set("SELECT 1;");
        var a = new SnapshotRequest { Stage = SnapshotStage.PreAfter(ScriptVersion.Parse("1.0")) };
        var b = new SnapshotRequest { Stage = SnapshotStage.PreAfter(ScriptVersion.Parse("01.00.00")) };

        SnapshotKey.Compute(set, a, null).ShouldBe(SnapshotKey.Compute(set, b, null));
        SnapshotKey.Compute(set, a, null).ShouldNotBe(SnapshotKey.Compute(set, All, null));
    }

    [Fact]
    public void Template_name_fits_a_database_name()
    {
        var key = SnapshotKey.Compute(Set("SELECT 1;"), All, null);

        key.TemplateName.ShouldStartWith("cutover_tpl_");
        key.TemplateName.Length.ShouldBeLessThan(63);
        key.Hex.Length.ShouldBe(64);
    }

    [Fact]
    public void The_journal_table_changes_the_key()
    {
        var set = Set("SELECT 1;");
        var other = new SnapshotRequest { JournalTable = Cutover.Journal.JournalTableName.Parse("ops.journal") };

        SnapshotKey.Compute(set, All, null).ShouldNotBe(SnapshotKey.Compute(set, other, null));
    }
}
