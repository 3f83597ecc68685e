using Cutover.Safety;
using Cutover.Scripts;
using Shouldly;

namespace Cutover.Tests.Safety;

/// <summary>After a statement the lint re-reads only the part of the catalog it can change; a statement classified too
/// narrowly would hide its changes, so the classification is pinned here.</summary>
public sealed class CatalogScopeTests
{
    [Theory]
    [InlineData("UPDATE t SET a = 1", "None")]
    [InlineData("CREATE TRIGGER tr BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f()", "None")]
    [InlineData("COMMENT ON TABLE t IS 'x'", "None")]
    [InlineData("CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$", "Routines")]
    [InlineData("ALTER TYPE mood ADD VALUE 'meh'", "Routines")]
    [InlineData("DROP FUNCTION f()", "Routines")]
    [InlineData("ALTER TABLE t ADD COLUMN b int", "Relations")]
    [InlineData("CREATE UNIQUE INDEX i ON t (a)", "Relations")]
    [InlineData("CREATE MATERIALIZED VIEW v AS SELECT 1", "Relations")]
    [InlineData("DROP TYPE mood CASCADE", "All")]
    [InlineData("DROP TABLE t CASCADE", "All")]
    [InlineData("SELECT do_some_ddl()", "All")]
    [InlineData("DO $$ BEGIN EXECUTE 'DROP TABLE t'; END $$", "All")]
    [InlineData("CREATE SCHEMA s", "All")]
    public void Statement_reads_back_the_part_it_can_change(string sql, string expected)
    {
        var statement = LintStatement.SplitScript(sql, new LineMap(sql)).ShouldHaveSingleItem();

        statement.CatalogScope.ToString().ShouldBe(expected);
    }
}
