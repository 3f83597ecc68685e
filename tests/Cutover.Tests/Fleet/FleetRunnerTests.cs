using Cutover.Execution;
using Cutover.Fleet;
using Cutover.Planning;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.Fleet;

public sealed class FleetRunnerTests(ServerFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FleetOptions Options(int parallel = 4) => new() { Parallel = parallel, Environment = new Dictionary<string, string>() };

    [Fact]
    public async Task Databases_and_schemas_upgrade_in_both_phases_with_each_script_once()
    {
        using var world = await FleetWorld.CreateAsync(fixture.Server, databases: 4, schemas: 6, Ct);
        await using var runner = await FleetRunner.OpenAsync(world.FleetFile, await world.LoadScriptsAsync(Ct), Options(), cancellationToken: Ct);

        var pre = await runner.UpgradeAsync(new FleetUpgradeOptions { Phase = PhaseSelection.Pre }, Ct);
        var post = await runner.UpgradeAsync(new FleetUpgradeOptions { Phase = PhaseSelection.Post }, Ct);

        pre.Succeeded.ShouldBeTrue(string.Join("\n", pre.Targets));
        post.Succeeded.ShouldBeTrue(string.Join("\n", post.Targets));
        post.Targets.Select(t => t.Name).ShouldBe(world.Targets);
        foreach (var target in world.Targets)
        {
            (await world.ScalarAsync<string>(target, "SELECT string_agg(script, ',' ORDER BY script) FROM marks", Ct))
                .ShouldBe("01,50", target);
            var journal = world.Locate(target).Schema is { } schema ? $"{schema}.cutover_migrations" : "public.cutover_migrations";
            (await world.ScalarAsync<long>(target, $"SELECT count(*) FROM {journal} WHERE state = 'succeeded'", Ct))
                .ShouldBe(2, target);
        }

        // Tenants' tables are in their schemas, none in the shared one.
        (await world.ScalarAsync<bool>(world.Schemas[0], "SELECT to_regclass('public.items') IS NULL", Ct)).ShouldBeTrue();
        runner.PoolsCreated.ShouldBeLessThan(3 * (world.Databases.Count + 1));
    }

    [Fact]
    public async Task Another_schemas_invalid_index_of_the_same_name_is_not_a_tenants_concurrent_build()
    {
        // What a tenant's CREATE INDEX CONCURRENTLY in progress looks like to its neighbours: an INVALID index of the
        // same name in another schema. Neither a failure of their build, nor theirs to drop.
        using var world = await FleetWorld.CreateAsync(fixture.Server, databases: 0, schemas: 3, Ct);
        await using var app = fixture.Server.CreateDataSource(world.SchemaDatabase);
        await using (var setup = app.CreateCommand(
            "CREATE SCHEMA other; CREATE TABLE other.items (id int, name text); INSERT INTO other.items VALUES (1, 'a'), (2, 'a')"))
        {
            await setup.ExecuteNonQueryAsync(Ct);
        }

        await using (var broken = app.CreateCommand("CREATE UNIQUE INDEX CONCURRENTLY items_name ON other.items (name)"))
        {
            await Should.ThrowAsync<PostgresException>(() => broken.ExecuteNonQueryAsync(Ct));
        }

        await using var runner = await FleetRunner.OpenAsync(world.FleetFile, await world.LoadScriptsAsync(Ct), Options(), cancellationToken: Ct);
        var result = await runner.UpgradeAsync(new FleetUpgradeOptions { Phase = PhaseSelection.All }, Ct);

        result.Succeeded.ShouldBeTrue(string.Join("\n", result.Targets));
        await using var left = app.CreateCommand("SELECT count(*) FROM pg_indexes WHERE schemaname = 'other' AND indexname = 'items_name'");
        ((long)(await left.ExecuteScalarAsync(Ct))!).ShouldBe(1);
    }

    [Fact]
    public async Task Schemas_of_one_database_do_not_share_a_deploy_lock()
    {
        using var world = await FleetWorld.CreateAsync(fixture.Server, databases: 0, schemas: 2, Ct);
        await using var app = fixture.Server.CreateDataSource(world.SchemaDatabase);
        await using var holder = await app.OpenConnectionAsync(Ct);
        await using var transaction = await holder.BeginTransactionAsync(Ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('cutover:tenant_01.cutover_migrations', 0))", holder, transaction))
        {
            await take.ExecuteNonQueryAsync(Ct);
        }

        var options = Options() with { Migrator = new MigratorOptions { DeployLockWait = TimeSpan.Zero } };
        await using var runner = await FleetRunner.OpenAsync(world.FleetFile, await world.LoadScriptsAsync(Ct), options, cancellationToken: Ct);
        var result = await runner.UpgradeAsync(new FleetUpgradeOptions { Phase = PhaseSelection.Pre }, Ct);

        result.Targets.Select(t => (t.Name, t.State)).ShouldBe(
            [("tenant_01", FleetTargetState.Failed), ("tenant_02", FleetTargetState.Done)]);
    }

    [Fact]
    public async Task Three_broken_tenants_stop_the_run_in_the_wave_that_breaches_the_budget()
    {
        using var world = await FleetWorld.CreateAsync(fixture.Server, databases: 0, schemas: 20, Ct);
        world.WithScript("01.00.00_02_pre_broken.sql",
            "DO $$ BEGIN IF current_schema() IN ('tenant_04', 'tenant_06', 'tenant_08') THEN RAISE EXCEPTION 'broken tenant'; END IF; END $$;");
        await using var runner = await FleetRunner.OpenAsync(world.FleetFile, await world.LoadScriptsAsync(Ct), Options(parallel: 1), cancellationToken: Ct);

        // Waves: tenant_01 (canary), tenant_02, tenant_03..10, tenant_11..20.
        var result = await runner.UpgradeAsync(new FleetUpgradeOptions
        {
            Phase = PhaseSelection.Pre,
            Waves = FleetWaves.Parse("1,10%,50%,100%"),
            MaxFailures = 2,
        }, Ct);

        result.BudgetExceeded.ShouldBeTrue();
        result.Targets.Where(t => t.State == FleetTargetState.Failed).Select(t => t.Name)
            .ShouldBe(["tenant_04", "tenant_06", "tenant_08"]);
        result.Targets.Where(t => t.State == FleetTargetState.Failed).ShouldAllBe(t => t.Error!.Contains("broken tenant"));
        result.Targets.Where(t => t.Wave == 4).ShouldAllBe(t => t.State == FleetTargetState.Skipped && t.Attempts == 0);
        result.Targets.Single(t => t.Name == "tenant_09").State.ShouldBe(FleetTargetState.Skipped);
        (await world.ScalarAsync<bool>(world.Schemas[19], "SELECT to_regclass('tenant_20.cutover_migrations') IS NULL", Ct))
            .ShouldBeTrue("a later wave's target was touched");
    }

    [Fact]
    public async Task Two_workers_on_one_ledger_take_each_target_once()
    {
        using var world = await FleetWorld.CreateAsync(fixture.Server, databases: 0, schemas: 24, Ct);
        world.WithScript("01.00.00_02_pre_slow.sql", "SELECT pg_sleep(0.05);");
        var scripts = await world.LoadScriptsAsync(Ct);
        await using var first = await FleetRunner.OpenAsync(world.FleetFile, scripts, Options(parallel: 2), cancellationToken: Ct);
        await using var second = await FleetRunner.OpenAsync(world.FleetFile, scripts, Options(parallel: 2), cancellationToken: Ct);
        var runId = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        var firstRun = first.UpgradeAsync(new FleetUpgradeOptions
        {
            Phase = PhaseSelection.Pre,
            Progress = new Inline(p => runId.TrySetResult(p.RunId)),
        }, Ct);
        var joined = await second.UpgradeAsync(new FleetUpgradeOptions { Phase = PhaseSelection.Pre, Join = await runId.Task }, Ct);
        var result = await firstRun;

        result.Succeeded.ShouldBeTrue(string.Join("\n", result.Targets));
        joined.RunId.ShouldBe(result.RunId);
        result.Targets.ShouldAllBe(t => t.Attempts == 1);
        foreach (var target in world.Schemas)
        {
            (await world.ScalarAsync<long>(target, "SELECT count(*) FROM marks", Ct)).ShouldBe(1, target);
        }

        await using var control = fixture.Server.CreateDataSource(world.Control);
        await using var workers = control.CreateCommand("SELECT count(DISTINCT worker) FROM cutover_fleet.targets");
        ((long)(await workers.ExecuteScalarAsync(Ct))!).ShouldBe(2, "both workers took targets");
    }

    [Fact]
    public async Task A_failing_query_names_its_line_and_nothing_runs()
    {
        using var world = await FleetWorld.CreateAsync(fixture.Server, databases: 1, schemas: 0, Ct);
        world.WriteFleet($"  - schemas: \"SELECT nspname FROM pg_namespac\"\n    connection: \"{fixture.Server.ConnectionString(world.Databases[0])}\"\n");
        await using var runner = await FleetRunner.OpenAsync(world.FleetFile, await world.LoadScriptsAsync(Ct), Options(), cancellationToken: Ct);

        var e = await Should.ThrowAsync<FleetFileException>(() => runner.UpgradeAsync(new FleetUpgradeOptions { Phase = PhaseSelection.Pre }, Ct));

        e.Message.ShouldContain("fleet.yaml:6:5: targets[1].schemas: the query failed: 42P01");
        (await world.ScalarAsync<bool>(world.Databases[0], "SELECT to_regclass('public.cutover_migrations') IS NULL", Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task An_unreachable_target_fails_alone()
    {
        using var world = await FleetWorld.CreateAsync(fixture.Server, databases: 2, schemas: 0, Ct);
        world.WriteFleet("  - name: gone\n    connection: \"Host=127.0.0.1;Port=1;Database=gone;Username=nobody;Timeout=2\"\n");
        await using var runner = await FleetRunner.OpenAsync(world.FleetFile, await world.LoadScriptsAsync(Ct), Options(), cancellationToken: Ct);

        var result = await runner.UpgradeAsync(new FleetUpgradeOptions { Phase = PhaseSelection.Pre }, Ct);

        result.Targets.Select(t => (t.Name, t.State)).ShouldBe(
            [(world.Databases[0], FleetTargetState.Done), (world.Databases[1], FleetTargetState.Done), ("gone", FleetTargetState.Failed)]);
        result.Targets[2].Error!.ShouldContain("cannot connect");
    }

    [Fact]
    public async Task Status_counts_targets_by_version_and_stage()
    {
        using var world = await FleetWorld.CreateAsync(fixture.Server, databases: 2, schemas: 3, Ct);
        await using var runner = await FleetRunner.OpenAsync(world.FleetFile, await world.LoadScriptsAsync(Ct), Options(), cancellationToken: Ct);
        await runner.UpgradeAsync(new FleetUpgradeOptions { Phase = PhaseSelection.Pre, Select = [new("kind", "schema")] }, Ct);

        var status = await runner.GetStatusAsync(Ct);

        status.Matrix.Select(g => (g.Version, g.Stage, g.Targets)).ShouldBe(
            [("01.00.00", FleetTargetStage.PostPending, 3), (null, FleetTargetStage.PrePending, 2)]);
    }

    private sealed class Inline(Action<FleetProgress> report) : IProgress<FleetProgress>
    {
        public void Report(FleetProgress value) => report(value);
    }
}
