using Cutover.Scripts;
using Cutover.Snapshots;
using Shouldly;

namespace Cutover.Tests.Snapshots;

public sealed class SnapshotStageTests
{
    private static MigrationSet Set(params string[] names) =>
        MigrationSet.Create("test", names.Select(n => new ScriptFile(n, n, "SELECT 1;")), null);

    [Fact]
    public void PreAfter_takes_the_release_and_the_pre_migrations_up_to_the_next_post()
    {
        var set = Set("01.00.00_01_pre_a.sql", "01.00.00_50_post_b.sql", "02.00.00_01_pre_c.sql",
            "02.00.00_02_pre_d.sql", "02.00.00_50_post_e.sql", "03.00.00_01_pre_f.sql");

        SnapshotStage.PreAfter(ScriptVersion.Parse("1.0")).CountIn(set).ShouldBe(4);
    }

    [Fact]
    public void Everything_takes_every_script()
    {
        var set = Set("01.00.00_01_pre_a.sql", "01.00.00_50_post_b.sql");

        SnapshotStage.Everything.CountIn(set).ShouldBe(2);
    }

    [Fact]
    public void PreAfter_the_last_release_takes_everything()
    {
        var set = Set("01.00.00_01_pre_a.sql", "01.00.00_50_post_b.sql");

        SnapshotStage.PreAfter(ScriptVersion.Parse("01.00.00")).CountIn(set).ShouldBe(2);
    }
}
