namespace Cutover.Tests.Inspection;

public sealed class IndexAndSequenceDifferenceTests(ServerFixture fixture)
{
    private const string Table = "CREATE TABLE t (a int, b int)";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "only in left: index i", Table, "CREATE INDEX i ON t (a)", "" },
        { "differs: index i definition", Table, "CREATE INDEX i ON t (a)", "CREATE INDEX i ON t (a, b)" },
        { "differs: index i definition", Table, "CREATE INDEX i ON t (a DESC)", "CREATE INDEX i ON t (a)" },
        { "differs: index i definition", Table, "CREATE INDEX i ON t (a) INCLUDE (b)", "CREATE INDEX i ON t (a)" },
        { "differs: index i unique", Table, "CREATE UNIQUE INDEX i ON t (a)", "CREATE INDEX i ON t (a)" },
        { "differs: index i predicate", Table, "CREATE INDEX i ON t (a) WHERE b > 0", "CREATE INDEX i ON t (a)" },
        { "differs: index i predicate", Table, "CREATE INDEX i ON t (a) WHERE b > 0", "CREATE INDEX i ON t (a) WHERE b > 1" },
        { "differs: index i method", Table, "CREATE INDEX i ON t USING hash (a)", "CREATE INDEX i ON t USING btree (a)" },
        // What a failed CREATE INDEX CONCURRENTLY leaves behind.
        {
            "differs: index i valid", Table + "; CREATE INDEX i ON t (a)",
            "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'i'::regclass", ""
        },
        { "differs: index i comment", Table + "; CREATE INDEX i ON t (a)", "COMMENT ON INDEX i IS 'x'", "" },
        { "only in left: sequence s", "", "CREATE SEQUENCE s", "" },
        { "differs: sequence s type", "", "CREATE SEQUENCE s AS integer MAXVALUE 1000", "CREATE SEQUENCE s AS bigint MAXVALUE 1000" },
        { "differs: sequence s start", "", "CREATE SEQUENCE s START 10", "CREATE SEQUENCE s" },
        { "differs: sequence s increment", "", "CREATE SEQUENCE s INCREMENT 2", "CREATE SEQUENCE s" },
        { "differs: sequence s minimum", "", "CREATE SEQUENCE s MINVALUE 0 START 1", "CREATE SEQUENCE s" },
        { "differs: sequence s maximum", "", "CREATE SEQUENCE s MAXVALUE 1000", "CREATE SEQUENCE s" },
        { "differs: sequence s cache", "", "CREATE SEQUENCE s CACHE 20", "CREATE SEQUENCE s" },
        { "differs: sequence s cycle", "", "CREATE SEQUENCE s CYCLE", "CREATE SEQUENCE s" },
        { "differs: sequence s owned by", Table + "; CREATE SEQUENCE s", "ALTER SEQUENCE s OWNED BY t.a", "ALTER SEQUENCE s OWNED BY t.b" },
        { "differs: sequence s comment", "CREATE SEQUENCE s", "COMMENT ON SEQUENCE s IS 'x'", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Comparison_names_the_one_difference(string expected, string baseSql, string leftSql, string rightSql) =>
        DifferenceCase.AssertAsync(fixture, expected, baseSql, leftSql, rightSql);
}
