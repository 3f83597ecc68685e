using System.Diagnostics;
using Cutover.Execution;
using Cutover.Planning;
using Cutover.Scripts;
using Cutover.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Shouldly;

namespace Cutover.Tests.Telemetry;

/// <summary>What an application's OpenTelemetry receives from an upgrade: one span per run and one per script, never
/// one per statement, and the scripts-applied and duration metrics. Other tests upgrade in parallel, so spans are
/// told apart by this test's trace and metrics by their database.</summary>
public sealed class UpgradeTelemetryTests(ServerFixture fixture)
{
    private static readonly ActivitySource s_test = new(nameof(UpgradeTelemetryTests));

    [Fact]
    public async Task An_upgrade_of_the_Procrastinate_corpus_emits_a_span_per_run_and_per_script_and_its_metrics()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await MigrationSet.LoadAsync(
            new DirectoryScriptSource(SharedCorpus.Path("procrastinate", "migrations")), ct);
        var database = await fixture.CreateDatabaseAsync();
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using (var tracing = Sdk.CreateTracerProviderBuilder()
                   .AddSource(CutoverTelemetry.ActivitySourceName, nameof(UpgradeTelemetryTests))
                   .AddInMemoryExporter(spans).Build())
        using (var metering = Sdk.CreateMeterProviderBuilder()
                   .AddMeter(CutoverTelemetry.MeterName).AddInMemoryExporter(metrics).Build())
        {
            ActivityTraceId trace;
            await using (var dataSource = fixture.Server.CreateDataSource(database))
            using (var test = s_test.StartActivity("test")!)
            {
                trace = test.TraceId;
                await new Migrator(dataSource, scripts).UpgradeAsync(
                    new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All) }, ct);
            }

            tracing.ForceFlush();
            metering.ForceFlush();
            var mine = spans.Where(s => s.TraceId == trace && s.Source.Name == CutoverTelemetry.ActivitySourceName).ToList();
            var run = mine.Where(s => s.OperationName == "cutover.upgrade").ShouldHaveSingleItem();
            run.GetTagItem("cutover.phase").ShouldBe("all");
            run.GetTagItem("db.namespace").ShouldBe(database);
            run.GetTagItem("cutover.scripts.applied").ShouldBe(38);
            var perScript = mine.Where(s => s.OperationName == "cutover.script").ToList();
            perScript.Count.ShouldBe(38, "one per script, none per statement");
            perScript.ShouldAllBe(s => s.ParentSpanId == run.SpanId && (string?)s.GetTagItem("cutover.script.outcome") == "applied");
            perScript.Select(s => s.GetTagItem("cutover.script.name")).ShouldBe(scripts.Scripts.Select(s => (object)s.Name.Name));
            perScript.Count(s => (string?)s.GetTagItem("cutover.script.phase") == "post").ShouldBe(4);
            mine.Count.ShouldBe(39);

            MetricTotals.Sum(metrics, "cutover.scripts.applied", database).ShouldBe(38);
            MetricTotals.Sum(metrics, "cutover.script.duration", database, histogramCount: true).ShouldBe(38);
        }
    }

    [Fact]
    public async Task Lock_timeout_retries_are_counted()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        var metrics = new List<Metric>();
        using var metering = Sdk.CreateMeterProviderBuilder()
            .AddMeter(CutoverTelemetry.MeterName).AddInMemoryExporter(metrics).Build();
        await using var dataSource = fixture.Server.CreateDataSource(database);
        await using (var setup = dataSource.CreateCommand("CREATE TABLE orders (id int)"))
        {
            await setup.ExecuteNonQueryAsync(ct);
        }

        // A reader's open transaction holds the table: the script times out on its lock, rolls back and retries
        // until the reader commits.
        await using var blocker = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await blocker.BeginTransactionAsync(ct);
        await using (var read = new Npgsql.NpgsqlCommand("SELECT count(*) FROM orders", blocker, transaction))
        {
            await read.ExecuteScalarAsync(ct);
        }

        var scripts = MigrationSet.Create("db",
            [new ScriptFile("01.00.00_01_pre_total.sql", "db/01.00.00_01_pre_total.sql", "ALTER TABLE orders ADD COLUMN total int;")],
            null);
        var upgrade = new Migrator(dataSource, scripts, new MigratorOptions
        {
            LockTimeout = TimeSpan.FromMilliseconds(50),
            LockRetries = 1000,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        }).UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All) }, ct);
        // Commit only once the script is seen waiting on the lock, and longer than its lock timeout after that: at
        // least one attempt has then timed out, however slowly the run started on a busy machine.
        await using (var waiting = dataSource.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"))
        {
            while ((long)(await waiting.ExecuteScalarAsync(ct))! == 0)
            {
                await Task.Delay(10, ct);
            }
        }

        await Task.Delay(300, ct);
        await transaction.CommitAsync(ct);
        var attempts = (await upgrade).Applied.Single().Attempts;

        metering.ForceFlush();
        attempts.ShouldBeGreaterThan(1);
        MetricTotals.Sum(metrics, "cutover.lock_timeout.retries", database).ShouldBe(attempts - 1);
    }

    [Fact]
    public async Task A_failing_script_ends_its_span_and_the_run_span_in_error()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = MigrationSet.Create("db", [
            new ScriptFile("01.00.00_01_pre_ok.sql", "db/01.00.00_01_pre_ok.sql", "CREATE TABLE ok (id int);"),
            new ScriptFile("01.00.00_02_pre_broken.sql", "db/01.00.00_02_pre_broken.sql", "SELECT no_such_function();"),
        ], null);
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(CutoverTelemetry.ActivitySourceName, nameof(UpgradeTelemetryTests)).AddInMemoryExporter(spans).Build();
        ActivityTraceId trace;
        await using (var dataSource = fixture.Server.CreateDataSource(await fixture.CreateDatabaseAsync()))
        using (var test = s_test.StartActivity("test")!)
        {
            trace = test.TraceId;
            await Should.ThrowAsync<ScriptExecutionException>(() => new Migrator(dataSource, scripts)
                .UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All) }, ct));
        }

        tracing.ForceFlush();
        var mine = spans.Where(s => s.TraceId == trace && s.Source.Name == CutoverTelemetry.ActivitySourceName).ToList();
        mine.Single(s => s.OperationName == "cutover.upgrade").Status.ShouldBe(ActivityStatusCode.Error);
        var broken = mine.Single(s => (string?)s.GetTagItem("cutover.script.name") == "01.00.00_02_pre_broken");
        broken.Status.ShouldBe(ActivityStatusCode.Error);
        broken.GetTagItem("cutover.script.outcome").ShouldBe("failed");
        mine.Single(s => (string?)s.GetTagItem("cutover.script.name") == "01.00.00_01_pre_ok")
            .GetTagItem("cutover.script.outcome").ShouldBe("applied");
    }
}
