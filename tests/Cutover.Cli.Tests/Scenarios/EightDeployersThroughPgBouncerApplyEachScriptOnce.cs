using Cutover.Testing;
using Cutover.Tests;
using Shouldly;

namespace Cutover.Cli.Tests.Scenarios;

/// <summary>Through PgBouncer in transaction pooling mode, where a session-level advisory lock stays behind on a pooled
/// server session and protects nothing: eight deployers at once still apply every script once, no-transaction
/// scripts included, and status, validate and deploy work through it.</summary>
public sealed class EightDeployersThroughPgBouncerApplyEachScriptOnce(ServerFixture fixture) : IAsyncLifetime
{
    private static readonly string s_actions = Path.Combine(AppContext.BaseDirectory, "PostDeployFixtures.dll");
    private ThrowawayPgBouncer? _bouncer;

    private ThrowawayPgBouncer Bouncer => _bouncer!;

    public async ValueTask InitializeAsync() =>
        _bouncer = await ThrowawayPgBouncer.StartAsync(fixture.Server,
            new ThrowawayPgBouncerOptions { PoolMode = PgBouncerPoolMode.Transaction }, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_bouncer is not null)
        {
            await _bouncer.DisposeAsync();
        }
    }

    [Fact]
    public async Task All_exit_0_and_each_script_is_applied_once()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new MigrationFolder()
            .With("01.00.00_01_pre_log.sql",
                "CREATE TABLE applied_log (script int);\nCREATE TABLE big (id int, v int);\n" +
                "INSERT INTO big SELECT g, g FROM generate_series(1, 50000) g;")
            .With("01.00.00_30_pre_index.sql",
                "-- cutover:no-transaction\nCREATE INDEX CONCURRENTLY big_v ON big (v);\nINSERT INTO applied_log VALUES (30);")
            .With("01.00.00_50_post_index.sql",
                "-- cutover:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY big_id ON big (id);\nINSERT INTO applied_log VALUES (50);");
        for (var i = 2; i <= 21; i++)
        {
            // Not idempotent on purpose: a second application would fail with 42P07.
            folder.With($"01.00.00_{i:00}_pre_table_{i}.sql", $"CREATE TABLE t{i} (id int);\nINSERT INTO applied_log VALUES ({i});");
        }

        var database = await fixture.CreateDatabaseAsync();
        var connection = Bouncer.ConnectionString(database);

        var runs = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", connection, "--lock-wait", "5m")));
        var status = await CliProcess.RunAsync(folder.Root, "status", "-c", connection);
        var validate = await CliProcess.RunAsync(folder.Root, "validate", "-c", connection);

        runs.ShouldAllBe(r => r.ExitCode == 0, string.Join("\n", runs.Where(r => r.ExitCode != 0).Select(r => r.ToString())));
        status.ExitCode.ShouldBe(0, status.ToString());
        validate.ExitCode.ShouldBe(0, validate.ToString());
        await using var dataSource = fixture.Server.CreateDataSource(database);
        (await ServerProbe.ScalarAsync<long>(dataSource, "SELECT count(*) FROM applied_log", ct)).ShouldBe(22);
        (await ServerProbe.ScalarAsync<long>(dataSource, "SELECT count(DISTINCT script) FROM applied_log", ct)).ShouldBe(22);
        (await ServerProbe.ScalarAsync<long>(dataSource, "SELECT count(*) FROM cutover_migrations WHERE state = 'succeeded'", ct))
            .ShouldBe(23);
        (await ServerProbe.ScalarAsync<long>(dataSource, "SELECT count(*) FROM pg_index WHERE NOT indisvalid", ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Deploy_runs_each_action_once_through_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        await using var dataSource = fixture.Server.CreateDataSource(database);
        await ServerProbe.ScalarAsync<int>(dataSource, "CREATE TABLE effects (action int, pid int); SELECT 1", ct);
        var connection = Bouncer.ConnectionString(database);

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            CliProcess.RunAsync(AppContext.BaseDirectory, "deploy", "--assembly", s_actions, "--auto", "-c", connection)));
        var report = await CliProcess.RunAsync(AppContext.BaseDirectory, "deploy", "-a", s_actions, "--report", "-c", connection);

        runs.ShouldAllBe(r => r.ExitCode == 0, string.Join("\n", runs.Select(r => r.ToString())));
        report.ExitCode.ShouldBe(0, report.ToString());
        (await ServerProbe.ScalarAsync<long>(dataSource, "SELECT count(*) FROM effects", ct)).ShouldBe(20);
        (await ServerProbe.ScalarAsync<long>(dataSource, "SELECT count(DISTINCT action) FROM effects", ct)).ShouldBe(20);
    }
}
