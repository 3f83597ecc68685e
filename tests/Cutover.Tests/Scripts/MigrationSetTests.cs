using Cutover.Scripts;
using Shouldly;

namespace Cutover.Tests.Scripts;

public sealed class MigrationSetTests
{
    private static ScriptFile File(string name, string body = "SELECT 1;") => new(name, "db/" + name, body);

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var error = Should.Throw<ScriptParseException>(() => MigrationSet.Create("db",
            [File("bad.sql"), File("01.00.00_51_pre_x.sql"), File("01.00.00_01_a.sql"), File("01.00.00_01_pre_b.sql")], null));

        error.Problems.Select(p => p.Location).ShouldBe(
            ["db/bad.sql", "db/01.00.00_51_pre_x.sql", "db/01.00.00_01_a.sql", "db/01.00.00_01_pre_b.sql"], ignoreOrder: true);
    }

    [Fact]
    public void Checksum_ignores_line_endings_and_bom()
    {
        var unix = MigrationSet.Create("db", [File("01.00.00_01_a.sql", "SELECT 1;\nSELECT 2;\n")], null);
        var windows = MigrationSet.Create("db", [File("01.00.00_01_a.sql", "\uFEFFSELECT 1;\r\nSELECT 2;\r\n")], null);

        windows.Scripts[0].Checksum.ShouldBe(unix.Scripts[0].Checksum);
    }

    [Fact]
    public void No_transaction_directive_is_read_from_the_leading_comment()
    {
        var set = MigrationSet.Create("db",
            [File("01.00.00_01_a.sql", "-- cutover:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);")], null);

        set.Scripts[0].RunsInTransaction.ShouldBeFalse();
    }

    [Fact]
    public void All_three_grammars_sort_together()
    {
        var set = MigrationSet.Create("db",
            [File("02.00.00_50_post_c.sql"), File("delta_1.5.0_001_b.sql"), File("01.00.00_01_a.sql")], null);

        set.Scripts.Select(s => s.Name.FileName).ShouldBe(["01.00.00_01_a.sql", "delta_1.5.0_001_b.sql", "02.00.00_50_post_c.sql"]);
    }
}
