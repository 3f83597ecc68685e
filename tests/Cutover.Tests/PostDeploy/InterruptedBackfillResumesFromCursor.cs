using System.Globalization;
using Cutover.PostDeploy;
using OpenTelemetry.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.PostDeploy;

public sealed class InterruptedBackfillResumesFromCursor(ServerFixture fixture)
{
    /// <summary>100,000 rows by default; set CUTOVER_BACKFILL_ROWS=1000000 for the full-size run.</summary>
    private static long Rows => long.TryParse(
        Environment.GetEnvironmentVariable("CUTOVER_BACKFILL_ROWS"), NumberStyles.None, CultureInfo.InvariantCulture,
        out var rows) ? rows : 100_000;

    [Fact]
    public async Task Backfill_crashed_half_way_is_taken_over_after_its_claim_expires_and_processes_every_row_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var rows = Rows;
        var batchSize = (int)Math.Max(100, rows / 100);
        var database = await PostDeployTestDatabase.CreateAsync(fixture);
        await using var admin = fixture.Server.CreateDataSource(database);
        await PostDeployTestDatabase.CreateItemsAsync(admin, rows);
        var catalog = PostDeployCatalog.FromTypes(typeof(CountingBackfill));
        var options = new PostDeployOptions { Lease = TimeSpan.FromMinutes(1) };
        var start = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var metrics = new List<OpenTelemetry.Metrics.Metric>();
        using var metering = OpenTelemetry.Sdk.CreateMeterProviderBuilder()
            .AddMeter(Cutover.Telemetry.CutoverTelemetry.MeterName).AddInMemoryExporter(metrics).Build();

        // Node A stalls inside the first batch past the middle, then "dies": its backend is terminated (rolling the
        // batch back) and its clock never moves, so it never renews its claim nor writes again.
        var halfway = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var hookA = new BackfillHook
        {
            BatchSize = batchSize,
            OnBatch = async (batch, token) =>
            {
                if (batch.Upper <= rows / 2)
                {
                    return;
                }

                await using var pid = new NpgsqlCommand("SELECT pg_backend_pid()", batch.Connection, batch.Transaction);
                halfway.TrySetResult((int)(await pid.ExecuteScalarAsync(token))!);
                await Task.Delay(Timeout.Infinite, hang.Token);
            },
        };
        await using var dataSourceA = PostDeployTestDatabase.CreateDataSource(fixture.Server, database, "node-a");
        var runnerA = PostDeployTestDatabase.CreateRunner(
            dataSourceA, catalog, "node-a", new ManualTimeProvider(start), Services(hookA), options);
        var deployA = runnerA.DeployAsync(new PostDeployRequest { Mode = PostDeployMode.Auto }, cancellationToken: ct);

        var backend = await halfway.Task.WaitAsync(ct);
        await using (var terminate = admin.CreateCommand("SELECT pg_terminate_backend(@pid, 30000)"))
        {
            terminate.Parameters.AddWithValue("pid", backend);
            (await terminate.ExecuteScalarAsync(ct)).ShouldBe(true);
        }

        var cursorAtCrash = long.Parse(
            await PostDeployTestDatabase.ScalarAsync<string>(admin, "SELECT cursor FROM cutover_post_deploy"),
            CultureInfo.InvariantCulture);
        cursorAtCrash.ShouldBeInRange(rows / 2 - batchSize, rows / 2);
        (await PostDeployTestDatabase.ScalarAsync<long>(admin, "SELECT count(*) FROM items WHERE counter = 1"))
            .ShouldBe(cursorAtCrash);
        (await PostDeployTestDatabase.ScalarAsync<string>(admin, "SELECT state FROM cutover_post_deploy"))
            .ShouldBe("running");

        // Node B's clock is past A's lease: it takes the claim over and resumes from A's last committed cursor.
        await using var dataSourceB = PostDeployTestDatabase.CreateDataSource(fixture.Server, database, "node-b");
        var runnerB = PostDeployTestDatabase.CreateRunner(
            dataSourceB, catalog, "node-b", new ManualTimeProvider(start + TimeSpan.FromMinutes(2)),
            Services(new BackfillHook { BatchSize = batchSize }), options);
        var resultB = await runnerB.DeployAsync(new PostDeployRequest { Mode = PostDeployMode.Auto }, cancellationToken: ct);

        resultB.Outcomes.ShouldHaveSingleItem().Kind.ShouldBe(PostDeployOutcomeKind.Succeeded);
        (await PostDeployTestDatabase.ScalarAsync<long>(admin, "SELECT count(*) FROM items WHERE counter <> 1"))
            .ShouldBe(0);
        (await PostDeployTestDatabase.ScalarAsync<long>(admin, "SELECT count(*) FROM items")).ShouldBe(rows);
        var row = (await runnerB.ReportAsync(ct)).ShouldHaveSingleItem();
        row.State.ShouldBe(PostDeployState.Succeeded);
        row.Attempts.ShouldBe(2);
        row.Host.ShouldBe("node-b");
        row.RowsDone.ShouldBe(rows);
        row.RowsTotal.ShouldBe(rows);
        metering.ForceFlush();
        Telemetry.MetricTotals.Sum(metrics, "cutover.backfill.rows", database)
            .ShouldBe(rows, "committed batches only: A's batch that died with it rolled back uncounted");

        // The zombie wakes up: its writes are fenced by its lost claim, so it records nothing.
        await hang.CancelAsync();
        (await deployA).Outcomes.ShouldHaveSingleItem().Kind.ShouldBe(PostDeployOutcomeKind.ClaimLost);
        (await runnerB.ReportAsync(ct)).ShouldHaveSingleItem().State.ShouldBe(PostDeployState.Succeeded);
        (await PostDeployTestDatabase.ScalarAsync<long>(admin, "SELECT count(*) FROM items WHERE counter <> 1"))
            .ShouldBe(0);
    }

    private static ServiceProvider Services(BackfillHook hook) =>
        new ServiceCollection().AddSingleton(hook).BuildServiceProvider();
}
