namespace Cutover.Tests.Inspection;

public sealed class TableDifferenceTests(ServerFixture fixture)
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "only in left: schema s", "", "CREATE SCHEMA s", "" },
        { "differs: schema s comment", "CREATE SCHEMA s", "COMMENT ON SCHEMA s IS 'x'", "" },
        // citext's functions, operators and types belong to the extension and are not listed one by one.
        { "only in left: extension citext", "", "CREATE EXTENSION citext", "" },
        { "differs: extension hstore version", "", "CREATE EXTENSION hstore VERSION '1.7'", "CREATE EXTENSION hstore VERSION '1.8'" },
        { "differs: extension hstore schema", "CREATE SCHEMA s", "CREATE EXTENSION hstore SCHEMA s", "CREATE EXTENSION hstore SCHEMA public" },
        { "only in left: table t", "", "CREATE TABLE t (a int)", "" },
        { "only in right: table app.t", "CREATE SCHEMA app", "", "CREATE TABLE app.t (a int)" },
        { "differs: table t persistence", "", "CREATE UNLOGGED TABLE t (a int)", "CREATE TABLE t (a int)" },
        {
            "differs: table t partition key", "",
            "CREATE TABLE t (a int, b int) PARTITION BY RANGE (a)", "CREATE TABLE t (a int, b int) PARTITION BY RANGE (b)"
        },
        {
            "differs: table t_1 partition bound", "CREATE TABLE t (a int) PARTITION BY RANGE (a)",
            "CREATE TABLE t_1 PARTITION OF t FOR VALUES FROM (0) TO (10)",
            "CREATE TABLE t_1 PARTITION OF t FOR VALUES FROM (0) TO (20)"
        },
        {
            "differs: table t_1 partition of",
            "CREATE TABLE t (a int) PARTITION BY RANGE (a); CREATE TABLE u (a int) PARTITION BY RANGE (a)",
            "CREATE TABLE t_1 PARTITION OF t FOR VALUES FROM (0) TO (10)",
            "CREATE TABLE t_1 PARTITION OF u FOR VALUES FROM (0) TO (10)"
        },
        {
            "differs: table c inherits", "CREATE TABLE p (a int); CREATE TABLE q (a int)",
            "CREATE TABLE c () INHERITS (p)", "CREATE TABLE c () INHERITS (q)"
        },
        { "differs: table t row level security", "CREATE TABLE t (a int)", "ALTER TABLE t ENABLE ROW LEVEL SECURITY", "" },
        { "differs: table t force row level security", "CREATE TABLE t (a int)", "ALTER TABLE t FORCE ROW LEVEL SECURITY", "" },
        { "differs: table t options", "", "CREATE TABLE t (a int) WITH (fillfactor = 70)", "CREATE TABLE t (a int)" },
        { "differs: table t comment", "CREATE TABLE t (a int)", "COMMENT ON TABLE t IS 'x'", "COMMENT ON TABLE t IS 'y'" },
        { "differs: table app.t comment", "CREATE SCHEMA app; CREATE TABLE app.t (a int)", "COMMENT ON TABLE app.t IS 'x'", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Comparison_names_the_one_difference(string expected, string baseSql, string leftSql, string rightSql) =>
        DifferenceCase.AssertAsync(fixture, expected, baseSql, leftSql, rightSql);
}
