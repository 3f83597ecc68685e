namespace Cutover.Tests.Inspection;

public sealed class ViewAndRoutineDifferenceTests(ServerFixture fixture)
{
    private const string Function = "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT 1'";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "only in left: view v", "", "CREATE VIEW v AS SELECT 1 AS x", "" },
        { "differs: view v definition", "", "CREATE VIEW v AS SELECT 1 AS x", "CREATE VIEW v AS SELECT 2 AS x" },
        // Normalised by pg_get_viewdef: layout and case do not count.
        { "", "", "CREATE VIEW v AS SELECT 1 AS x", "create   view v as\n  select 1 as x" },
        { "differs: view v options", "", "CREATE VIEW v WITH (security_barrier) AS SELECT 1 AS x", "CREATE VIEW v AS SELECT 1 AS x" },
        {
            "differs: view v options", "CREATE TABLE t (a int)",
            "CREATE VIEW v AS SELECT a FROM t WITH CHECK OPTION", "CREATE VIEW v AS SELECT a FROM t"
        },
        { "differs: view v comment", "CREATE VIEW v AS SELECT 1 AS x", "COMMENT ON VIEW v IS 'x'", "" },
        { "only in left: materialized view m", "", "CREATE MATERIALIZED VIEW m AS SELECT 1 AS x", "" },
        {
            "differs: materialized view m definition", "",
            "CREATE MATERIALIZED VIEW m AS SELECT 1 AS x", "CREATE MATERIALIZED VIEW m AS SELECT 2 AS x"
        },
        { "only in left: index m_x", "CREATE MATERIALIZED VIEW m AS SELECT 1 AS x", "CREATE INDEX m_x ON m (x)", "" },
        { "only in left: function f(integer)", "", Function, "" },
        {
            "only in left: function f(integer) | only in right: function f(bigint)", "",
            Function, "CREATE FUNCTION f(a bigint) RETURNS int LANGUAGE sql AS 'SELECT 1'"
        },
        { "differs: function f(integer) arguments", "", Function, "CREATE FUNCTION f(b int) RETURNS int LANGUAGE sql AS 'SELECT 1'" },
        {
            "differs: function f(integer) arguments", "",
            "CREATE FUNCTION f(a int DEFAULT 1) RETURNS int LANGUAGE sql AS 'SELECT 1'",
            "CREATE FUNCTION f(a int DEFAULT 2) RETURNS int LANGUAGE sql AS 'SELECT 1'"
        },
        { "differs: function f(integer) result", "", Function, "CREATE FUNCTION f(a int) RETURNS bigint LANGUAGE sql AS 'SELECT 1'" },
        {
            "differs: function f(integer) language | differs: function f(integer) body", "",
            Function, "CREATE FUNCTION f(a int) RETURNS int LANGUAGE plpgsql AS 'BEGIN RETURN 1; END'"
        },
        { "differs: function f(integer) volatility", "", Function + " IMMUTABLE", Function },
        { "differs: function f(integer) strict", "", Function + " STRICT", Function },
        { "differs: function f(integer) security definer", "", Function + " SECURITY DEFINER", Function },
        { "differs: function f(integer) leakproof", "", Function + " LEAKPROOF", Function },
        { "differs: function f(integer) parallel", "", Function + " PARALLEL SAFE", Function },
        { "differs: function f(integer) cost", "", Function + " COST 1000", Function },
        {
            "differs: function f() rows", "",
            "CREATE FUNCTION f() RETURNS SETOF int LANGUAGE sql ROWS 10 AS 'SELECT 1'",
            "CREATE FUNCTION f() RETURNS SETOF int LANGUAGE sql AS 'SELECT 1'"
        },
        { "differs: function f(integer) configuration", "", Function + " SET search_path = public", Function },
        {
            "differs: function f(integer) configuration", "",
            Function + " SET search_path = public SET work_mem = '1MB'", Function + " SET work_mem = '1MB'"
        },
        { "differs: function f(integer) body", "", Function, "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT 2'" },
        {
            "differs: function f(integer) body", "",
            "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql RETURN a + 1",
            "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql RETURN a + 2"
        },
        { "differs: function f(integer) comment", Function, "COMMENT ON FUNCTION f(int) IS 'x'", "" },
        { "only in left: procedure p(integer)", "", "CREATE PROCEDURE p(a int) LANGUAGE sql AS 'SELECT 1'", "" },
        {
            "differs: procedure p(integer) body", "",
            "CREATE PROCEDURE p(a int) LANGUAGE sql AS 'SELECT 1'", "CREATE PROCEDURE p(a int) LANGUAGE sql AS 'SELECT 2'"
        },
        { "only in left: aggregate total(integer)", "", "CREATE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int)", "" },
        {
            "differs: aggregate total(integer) initial value", "",
            "CREATE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int, INITCOND = '0')",
            "CREATE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int)"
        },
        {
            "differs: aggregate total(integer) transition function", "",
            "CREATE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int)",
            "CREATE AGGREGATE total(int) (SFUNC = int4larger, STYPE = int)"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Comparison_names_the_one_difference(string expected, string baseSql, string leftSql, string rightSql) =>
        DifferenceCase.AssertAsync(fixture, expected, baseSql, leftSql, rightSql);
}
