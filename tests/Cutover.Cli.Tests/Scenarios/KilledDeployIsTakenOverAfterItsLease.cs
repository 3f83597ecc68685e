using Cutover.Tests;
using Npgsql;
using PostDeployFixtures;
using Shouldly;

namespace Cutover.Cli.Tests.Scenarios;

/// <summary>A <c>cutover deploy</c> killed with SIGKILL in the middle of a backfill leaves a live claim behind. The
/// next run waits for that claim's lease to lapse, takes the action over and resumes from the saved cursor: every row
/// exactly once. A run that gives up waiting says so and exits 1, never 0 with the action unfinished.</summary>
public sealed class KilledDeployIsTakenOverAfterItsLease(ServerFixture fixture)
{
    private const int Rows = 400;
    private static readonly string s_actions = Path.Combine(AppContext.BaseDirectory, "PostDeployFixtures.dll");

    [Theory]
    [InlineData("--one")]
    [InlineData("--once")]
    [InlineData("--all")]
    public async Task Rerun_waits_for_the_lease_then_resumes_from_the_cursor(string mode)
    {
        var ct = TestContext.Current.CancellationToken;
        var (connection, dataSource) = await DatabaseWithItemsAsync();
        await using var _ = dataSource;
        await KillMidBackfillAsync(connection, dataSource, ct);

        string[] selection = mode == "--all" ? ["--all", "--stage", "before-post"] : [mode, ItemsBackfill.Id];
        var rerun = await CliProcess.RunAsync(AppContext.BaseDirectory,
            ["deploy", "-a", s_actions, .. selection, "--lease", "5s", "-c", connection]);

        rerun.ExitCode.ShouldBe(0, rerun.ToString());
        rerun.Output.ShouldContain($"{ItemsBackfill.Id}: succeeded", Case.Sensitive, rerun.ToString());
        (await ServerProbe.ScalarAsync<long>(dataSource, "SELECT count(*) FROM items WHERE counter = 1", ct)).ShouldBe(Rows);
        (await ServerProbe.ScalarAsync<long>(dataSource, "SELECT count(*) FROM items WHERE counter <> 1", ct)).ShouldBe(0);
        (await ServerProbe.ScalarAsync<int>(dataSource,
            "SELECT attempts FROM cutover_post_deploy WHERE action_id = $1", ct, ItemsBackfill.Id)).ShouldBe(2);
    }

    [Fact]
    public async Task Rerun_that_stops_waiting_before_the_lease_lapses_exits_1_naming_the_holder()
    {
        var ct = TestContext.Current.CancellationToken;
        var (connection, dataSource) = await DatabaseWithItemsAsync();
        await using var _ = dataSource;
        await KillMidBackfillAsync(connection, dataSource, ct, lease: "60s");

        var impatient = await CliProcess.RunAsync(AppContext.BaseDirectory,
            "deploy", "-a", s_actions, "--one", ItemsBackfill.Id, "--lock-wait", "1s", "-c", connection);

        impatient.ExitCode.ShouldBe(1, impatient.ToString());
        impatient.Output.ShouldContain($"{ItemsBackfill.Id}: held-elsewhere", Case.Sensitive, impatient.ToString());
        impatient.Output.ShouldContain("still claimed by", Case.Sensitive, impatient.ToString());
        (await ServerProbe.ScalarAsync<long>(dataSource, "SELECT count(*) FROM items WHERE counter > 1", ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Post_phase_is_refused_until_the_before_post_backfill_succeeded()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new MigrationFolder()
            .With("03.00.00_01_pre_add_total.sql", "ALTER TABLE items ADD COLUMN total int;")
            .With("03.00.00_50_post_total_not_null.sql", "CREATE TABLE post_ran (id int);");
        var (connection, dataSource) = await DatabaseWithItemsAsync();
        await using var _ = dataSource;
        (await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "pre", "-c", connection)).ExitCode.ShouldBe(0);

        var refused = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "post", "-a", s_actions, "-c", connection);
        var dryRun = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "post", "-a", s_actions, "--dry-run", "-c", connection);
        var all = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-a", s_actions, "-c", connection);

        refused.ExitCode.ShouldBe(1, refused.ToString());
        refused.Error.ShouldContain($"{ItemsBackfill.Id}: pending (never run)", Case.Sensitive, refused.ToString());
        dryRun.ExitCode.ShouldBe(1, dryRun.ToString());
        all.ExitCode.ShouldBe(1, all.ToString());
        (await ServerProbe.ScalarAsync<bool>(dataSource, "SELECT to_regclass('post_ran') IS NULL", ct)).ShouldBeTrue();

        // Once a deploy recorded the action, the journal alone holds the phase back: no --assembly needed (the native
        // binary cannot load one).
        await ServerProbe.ScalarAsync<int>(dataSource, "ALTER TABLE items RENAME COLUMN counter TO renamed; SELECT 1", ct);
        var failing = await CliProcess.RunAsync(AppContext.BaseDirectory,
            "deploy", "-a", s_actions, "--one", ItemsBackfill.Id, "-c", connection);
        failing.ExitCode.ShouldBe(1, failing.ToString());
        await ServerProbe.ScalarAsync<int>(dataSource, "ALTER TABLE items RENAME COLUMN renamed TO counter; SELECT 1", ct);
        var stillRefused = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "post", "-c", connection);
        stillRefused.ExitCode.ShouldBe(1, stillRefused.ToString());
        stillRefused.Error.ShouldContain($"{ItemsBackfill.Id}: failed", Case.Sensitive, stillRefused.ToString());

        var deploy = await CliProcess.RunAsync(AppContext.BaseDirectory,
            "deploy", "-a", s_actions, "--retry-failed", "--stage", "before-post", "-c", connection);
        deploy.ExitCode.ShouldBe(0, deploy.ToString());
        var allowed = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "post", "-c", connection);
        allowed.ExitCode.ShouldBe(0, allowed.ToString());
        (await ServerProbe.ScalarAsync<bool>(dataSource, "SELECT to_regclass('post_ran') IS NOT NULL", ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task Ignore_gates_runs_the_post_phase_anyway()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new MigrationFolder()
            .With("03.00.00_50_post_mark.sql", "CREATE TABLE post_ran (id int);");
        var (connection, dataSource) = await DatabaseWithItemsAsync();
        await using var _ = dataSource;

        var run = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "post", "-a", s_actions, "--ignore-gates",
            "-c", connection);

        run.ExitCode.ShouldBe(0, run.ToString());
        (await ServerProbe.ScalarAsync<bool>(dataSource, "SELECT to_regclass('post_ran') IS NOT NULL", ct)).ShouldBeTrue();
    }

    private async Task KillMidBackfillAsync(
        string connection, NpgsqlDataSource dataSource, CancellationToken ct, string lease = "5s")
    {
        using var deployer = CliProcess.Start(AppContext.BaseDirectory,
            "deploy", "-a", s_actions, "--one", ItemsBackfill.Id, "--lease", lease, "-c", connection);
        await ServerProbe.WaitUntilAsync(dataSource, "SELECT to_regclass('cutover_post_deploy') IS NOT NULL", true, ct);
        await ServerProbe.WaitUntilAsync(dataSource,
            "SELECT coalesce((SELECT rows_done >= 50 FROM cutover_post_deploy WHERE action_id = $1), false)", true, ct,
            ItemsBackfill.Id);
        deployer.Kill(); // SIGKILL: the claim stays behind, live until its lease lapses
        await deployer.WaitForExitAsync(ct);
        (await ServerProbe.ScalarAsync<string>(dataSource,
            "SELECT state FROM cutover_post_deploy WHERE action_id = $1", ct, ItemsBackfill.Id)).ShouldBe("running");
    }

    private async Task<(string Connection, NpgsqlDataSource DataSource)> DatabaseWithItemsAsync()
    {
        var database = await fixture.CreateDatabaseAsync();
        var dataSource = fixture.Server.CreateDataSource(database);
        await using (var setup = dataSource.CreateCommand(
            $"CREATE TABLE items (id bigint PRIMARY KEY, counter int NOT NULL DEFAULT 0); " +
            $"INSERT INTO items (id) SELECT generate_series(1, {Rows})"))
        {
            await setup.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        return (fixture.Server.ConnectionString(database), dataSource);
    }
}
