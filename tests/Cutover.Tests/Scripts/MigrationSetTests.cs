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

    [Fact]
    public void Nul_byte_is_refused_with_its_line_and_column()
    {
        var error = Should.Throw<ScriptParseException>(() => MigrationSet.Create("db",
            [File("01.00.00_01_a.sql", "SELECT 1;\nSELECT 'a\0b', '\0';\n")], null));

        error.Problems.ShouldHaveSingleItem().ToString().ShouldStartWith("db/01.00.00_01_a.sql:2:10: NUL byte (0x00) (2 in the file)");
    }

    [Fact]
    public void Unpaired_surrogate_is_refused()
    {
        var error = Should.Throw<ScriptParseException>(() => MigrationSet.Create("db",
            [File("01.00.00_01_a.sql", "SELECT '😀', '\uD800';")], null));

        error.Problems.ShouldHaveSingleItem().ToString().ShouldStartWith("db/01.00.00_01_a.sql:1:15: unpaired surrogate U+D800");
    }

    [Fact]
    public void Schema_sql_gets_the_same_character_checks()
    {
        var error = Should.Throw<ScriptParseException>(() => MigrationSet.Create("db", [File("01.00.00_01_a.sql")],
            new ScriptFile("schema.sql", "schema.sql", "CREATE TABLE t (a int);\0")));

        error.Problems.ShouldHaveSingleItem().ToString().ShouldStartWith("schema.sql:1:24: NUL byte");
    }

    [Fact]
    public void A_file_the_source_could_not_use_is_listed_with_every_other_problem()
    {
        var unreadable = ScriptFile.FromUtf8("01.00.00_02_b.sql", "db/01.00.00_02_b.sql", [(byte)'x', 0xC3]);
        var schema = ScriptFile.FromUtf8("schema.sql", "schema.sql", [0xFF, 0xFE]);

        var error = Should.Throw<ScriptParseException>(() => MigrationSet.Create("db",
            [File("bad.sql"), unreadable, File("01.00.00_03_c.sql", "COMMIT;")], schema));

        error.Problems.Select(p => p.ToString().Split(':')[0] + ":" + p.Message.Split(' ')[0]).ShouldBe(
        [
            "db/bad.sql:'bad.sql'", "db/01.00.00_02_b.sql:invalid", "db/01.00.00_03_c.sql:transaction", "schema.sql:UTF-16",
        ]);
    }
}
