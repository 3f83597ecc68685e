using Cutover.Tests;
using Shouldly;

namespace Cutover.Cli.Tests.Scenarios;

/// <summary>Three <c>cutover deploy --auto</c> processes started at once over twenty actions: row claims make every
/// action run exactly once, whichever process gets it.</summary>
public sealed class ThreeDeployersRunEachActionOnce(ServerFixture fixture)
{
    private static readonly string s_actions = Path.Combine(AppContext.BaseDirectory, "PostDeployFixtures.dll");

    [Fact]
    public async Task Each_action_runs_once_and_all_exit_0()
    {
        var ct = TestContext.Current.CancellationToken;
        var (connection, dataSource) = await DatabaseWithEffectsTableAsync();
        await using var _ = dataSource;
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            CliProcess.RunAsync(AppContext.BaseDirectory, "deploy", "--assembly", s_actions, "--auto", "-c", connection)));

        runs.ShouldAllBe(r => r.ExitCode == 0, string.Join("\n", runs.Select(r => r.ToString())));
        await using var count = dataSource.CreateCommand("SELECT count(*), count(DISTINCT action) FROM effects");
        await using var reader = await count.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        reader.GetInt64(0).ShouldBe(20);
        reader.GetInt64(1).ShouldBe(20);
    }

    [Fact]
    public async Task Report_lists_every_action_with_its_state()
    {
        var ct = TestContext.Current.CancellationToken;
        var (connection, dataSource) = await DatabaseWithEffectsTableAsync();
        await using var _ = dataSource;
        (await CliProcess.RunAsync(AppContext.BaseDirectory, "deploy", "-a", s_actions, "--one", "2026-11-action-07", "-c", connection))
            .ExitCode.ShouldBe(0);

        var report = await CliProcess.RunAsync(AppContext.BaseDirectory, "deploy", "-a", s_actions, "--report", "-c", connection);

        report.ExitCode.ShouldBe(0, report.ToString());
        report.Output.ShouldMatch(@"(?m)^2026-11-action-07 +auto +after-post +succeeded ");
        report.Output.ShouldMatch(@"(?m)^2026-11-action-08 +auto +after-post +pending ");
        report.Output.ShouldMatch(@"(?m)^2026-12-backfill-items +manual +before-post 03\.00\.00 +pending ");
    }

    [Fact]
    public async Task Unknown_action_is_an_input_error()
    {
        var run = await CliProcess.RunAsync(AppContext.BaseDirectory, "deploy", "-a", s_actions, "--one", "no-such-action",
            "-c", fixture.Server.ConnectionString());

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain("no-such-action");
    }

    [Fact]
    public async Task Two_modes_at_once_are_a_usage_error()
    {
        var run = await CliProcess.RunAsync(AppContext.BaseDirectory, "deploy", "-a", s_actions, "--auto", "--report");

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain("choose one of --auto, --report");
    }

    /// <summary>A fresh database with the <c>effects</c> table the fixture actions write to.</summary>
    private async Task<(string Connection, Npgsql.NpgsqlDataSource DataSource)> DatabaseWithEffectsTableAsync()
    {
        var database = await fixture.CreateDatabaseAsync();
        var dataSource = fixture.Server.CreateDataSource(database);
        await using (var setup = dataSource.CreateCommand("CREATE TABLE effects (action int, pid int)"))
        {
            await setup.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        return (fixture.Server.ConnectionString(database), dataSource);
    }
}
