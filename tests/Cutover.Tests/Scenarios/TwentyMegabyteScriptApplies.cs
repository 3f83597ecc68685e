using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cutover.Execution;
using Cutover.Planning;
using Cutover.Scripts;
using Shouldly;

namespace Cutover.Tests.Scenarios;

/// <summary>A 20 MiB script (bulk data loads and generated functions get that big) goes through decoding, the checks,
/// the splitter and one Npgsql batch, and applies in one transaction.</summary>
public sealed class TwentyMegabyteScriptApplies(ServerFixture fixture)
{
    private const int Size = 20 * 1024 * 1024;
    private const int Functions = 50;
    private const int SingleInserts = 10_000;

    [Fact]
    public async Task Twenty_megabyte_script_applies_whole()
    {
        var ct = TestContext.Current.CancellationToken;
        var (sql, rows) = Generate();
        var bytes = Encoding.UTF8.GetBytes(sql);
        bytes.Length.ShouldBeGreaterThanOrEqualTo(Size);
        var file = ScriptFile.FromUtf8("01.00.00_01_pre_bulk_load.sql", "db/01.00.00_01_pre_bulk_load.sql", bytes);
        var scripts = MigrationSet.Create("db", [file], null);
        var database = await fixture.CreateDatabaseAsync();
        await using var dataSource = fixture.Server.CreateDataSource(database);

        var started = Stopwatch.GetTimestamp();
        var result = await new Migrator(dataSource, scripts).UpgradeAsync(
            new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All) }, ct);
        var elapsed = Stopwatch.GetElapsedTime(started);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{bytes.Length / 1024.0 / 1024.0:F1} MiB, {StatementSplitter.Split(scripts.Scripts[0].Body).Length} statements: applied in {elapsed.TotalMilliseconds:F0} ms");
        result.Applied.ShouldHaveSingleItem();
        await using var check = dataSource.CreateCommand(
            "SELECT (SELECT count(*) FROM bulk), (SELECT max(length(note)) FROM bulk), " +
            $"f{Functions - 1}(0), length(obj_description('big_comment'::regproc, 'pg_proc')), " +
            "(SELECT count(*) FROM cutover_migrations WHERE state = 'succeeded')");
        await using var reader = await check.ExecuteReaderAsync(ct);
        (await reader.ReadAsync(ct)).ShouldBeTrue();
        reader.GetInt64(0).ShouldBe(rows);
        reader.GetInt32(1).ShouldBeGreaterThan(100);
        reader.GetInt32(2).ShouldBe(Enumerable.Range(0, 150).Sum());
        reader.GetInt32(3).ShouldBeGreaterThan(1_000_000);
        reader.GetInt64(4).ShouldBe(1);
    }

    /// <summary>Functions whose dollar-quoted bodies hold semicolons, quotes and other dollar tags; a megabyte-long
    /// dollar-quoted comment; single-row inserts; and one multi-row VALUES list for the rest.</summary>
    private static (string Sql, long Rows) Generate()
    {
        var sql = new StringBuilder(Size + 1024);
        sql.Append("CREATE TABLE bulk (id int PRIMARY KEY, note text NOT NULL);\n");
        for (var f = 0; f < Functions; f++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"CREATE FUNCTION f{f}(x int) RETURNS int LANGUAGE plpgsql AS $body$\n");
            sql.Append("DECLARE v int := x;\nBEGIN\n");
            for (var i = 0; i < 150; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"    v := v + {i}; -- step {i}; it's not the end, nor is $$ or $x$\n");
            }

            sql.Append("    RAISE DEBUG 'a semicolon; inside ''quotes'' and $$dollars$$';\n    RETURN v;\nEND\n$body$;\n");
        }

        sql.Append("CREATE FUNCTION big_comment() RETURNS int LANGUAGE sql AS 'SELECT 1';\nCOMMENT ON FUNCTION big_comment() IS $c$");
        while (sql.Length < 2 * 1024 * 1024)
        {
            sql.Append("a long comment; with 'quotes', \"identifiers\", -- dashes and /* stars */ that mean nothing here\n");
        }

        sql.Append("$c$;\n");
        long rows = 0;
        for (; rows < SingleInserts; rows++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO bulk VALUES ({rows}, 'row {rows}; with a semicolon and ''quotes''');\n");
        }

        sql.Append("INSERT INTO bulk VALUES\n");
        var padding = new string('x', 120);
        while (sql.Length < Size)
        {
            sql.Append(CultureInfo.InvariantCulture, $"({rows}, E'value {rows};\\n{padding} \\'é\\''),\n");
            rows++;
        }

        sql.Append(CultureInfo.InvariantCulture, $"({rows}, 'last');\n");
        return (sql.ToString(), rows + 1);
    }
}
