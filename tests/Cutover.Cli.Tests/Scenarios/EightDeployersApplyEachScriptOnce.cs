using Cutover.Tests;
using Shouldly;

namespace Cutover.Cli.Tests.Scenarios;

/// <summary>Eight <c>cutover upgrade</c> processes started at once on one database: the deploy lock makes them take
/// turns, and every script is applied exactly once.</summary>
public sealed class EightDeployersApplyEachScriptOnce(ServerFixture fixture)
{
    [Fact]
    public async Task All_exit_0_and_each_script_is_recorded_once()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new MigrationFolder();
        for (var i = 1; i <= 20; i++)
        {
            // Not idempotent on purpose: a second application would fail with 42P07.
            folder.With($"01.00.{i:00}_01_pre_table_{i}.sql", $"CREATE TABLE t{i} (id int); INSERT INTO applied_log VALUES ({i});");
        }

        folder.With("01.00.00_01_pre_log.sql", "CREATE TABLE applied_log (script int);");
        var database = await fixture.CreateDatabaseAsync();
        var connection = fixture.Server.ConnectionString(database);

        var runs = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", connection)));

        runs.ShouldAllBe(r => r.ExitCode == 0, string.Join("\n", runs.Select(r => r.ToString())));
        await using var dataSource = fixture.Server.CreateDataSource(database);
        await using var command = dataSource.CreateCommand(
            "SELECT (SELECT count(*) FROM applied_log), (SELECT count(DISTINCT script) FROM applied_log), " +
            "(SELECT count(*) FROM cutover_migrations)");
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        reader.GetInt64(0).ShouldBe(20);
        reader.GetInt64(1).ShouldBe(20);
        reader.GetInt64(2).ShouldBe(21);
    }
}
