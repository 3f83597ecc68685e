using Cutover.Execution;
using Cutover.Planning;
using Cutover.Scripts;
using Shouldly;

namespace Cutover.Tests.Execution;

public sealed class StatementExecutionTests(ServerFixture fixture)
{
    private async Task<(Migrator Migrator, string Database)> MigratorAsync(params (string Name, string Body)[] files)
    {
        var set = MigrationSet.Create("test", files.Select(f => new ScriptFile(f.Name, "db/" + f.Name, f.Body)), null);
        var database = await fixture.CreateDatabaseAsync();
        return (new Migrator(fixture.Server.CreateDataSource(database), set), database);
    }

    private static UpgradeOptions All => new() { Plan = new PlanRequest(PhaseSelection.All) };

    [Fact]
    public async Task Sql_standard_function_body_with_inner_semicolons_runs_whole()
    {
        var (migrator, _) = await MigratorAsync(("01.00.00_01_pre_fn.sql", """
            CREATE FUNCTION twice(n int) RETURNS int LANGUAGE sql
            BEGIN ATOMIC
                SELECT n * 2;
            END;
            SELECT twice(2);
            """));

        var result = await migrator.UpgradeAsync(All, TestContext.Current.CancellationToken);

        result.Applied.Length.ShouldBe(1);
    }

    [Fact]
    public async Task Syntax_error_names_file_line_and_column()
    {
        var (migrator, _) = await MigratorAsync(("01.00.00_01_pre_bad.sql",
            "CREATE TABLE a (id int);\n\n-- a comment\nCREATE TABLE b (\n  id int\n);\n\nCREATE TABEL c (id int);\n"));

        var error = await Should.ThrowAsync<ScriptExecutionException>(
            () => migrator.UpgradeAsync(All, TestContext.Current.CancellationToken));

        error.SqlState.ShouldBe("42601");
        error.Line.ShouldBe(8);
        error.Column.ShouldBe(8);
        error.Message.ShouldStartWith("db/01.00.00_01_pre_bad.sql:8:8: 42601: syntax error at or near \"TABEL\"");
    }
}
