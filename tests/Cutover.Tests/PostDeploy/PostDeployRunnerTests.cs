using Cutover.PostDeploy;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.PostDeploy;

public sealed class PostDeployRunnerTests(ServerFixture fixture)
{
    private static readonly PostDeployCatalog Catalog = PostDeployCatalog.FromTypes(typeof(ManualActions));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Auto_runs_only_automatic_actions()
    {
        await using var dataSource = await CreateAsync();
        var runner = PostDeployTestDatabase.CreateRunner(dataSource, Catalog, "test");

        var result = await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.Auto), cancellationToken: Ct);

        result.Outcomes.ShouldHaveSingleItem().Item.ActionId.ShouldBe(ManualActions.Flaky);
        (await Effects.CountByActionAsync(dataSource)).Keys.ShouldBe([ManualActions.Flaky]);
    }

    [Fact]
    public async Task Failed_action_is_recorded_with_stack_trace_and_fails_the_deploy()
    {
        await using var dataSource = await CreateAsync();
        var runner = PostDeployTestDatabase.CreateRunner(dataSource, Catalog, "test");

        var result = await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.Auto), cancellationToken: Ct);

        result.HasFailures.ShouldBeTrue();
        result.Outcomes.Single().ErrorSummary.ShouldBe("InvalidOperationException: the other service said no");
        var row = (await runner.ReportAsync(Ct)).Single(r => r.ActionId == ManualActions.Flaky);
        row.State.ShouldBe(PostDeployState.Failed);
        row.ErrorSummary.ShouldBe("InvalidOperationException: the other service said no");
        (await PostDeployTestDatabase.ScalarAsync<string>(dataSource, "SELECT error_detail FROM cutover_post_deploy WHERE state = 'failed'"))
            .ShouldContain(nameof(ManualActions.CallAsync));
    }

    [Fact]
    public async Task Retry_failed_runs_a_failed_action_again()
    {
        await using var dataSource = await CreateAsync();
        var runner = PostDeployTestDatabase.CreateRunner(dataSource, Catalog, "test");
        await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.Auto), cancellationToken: Ct);

        var retry = await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.RetryFailed), cancellationToken: Ct);

        retry.Outcomes.ShouldHaveSingleItem().Kind.ShouldBe(PostDeployOutcomeKind.Succeeded);
        var row = (await runner.ReportAsync(Ct)).Single(r => r.ActionId == ManualActions.Flaky);
        row.State.ShouldBe(PostDeployState.Succeeded);
        row.Attempts.ShouldBe(2);
        row.ErrorSummary.ShouldBeNull();
    }

    [Fact]
    public async Task Once_does_not_rerun_a_succeeded_action_but_one_does()
    {
        await using var dataSource = await CreateAsync();
        var runner = PostDeployTestDatabase.CreateRunner(dataSource, Catalog, "test");
        await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.Once, ManualActions.Manual), cancellationToken: Ct);

        var again = await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.Once, ManualActions.Manual), cancellationToken: Ct);
        again.Outcomes.ShouldBeEmpty();
        var forced = await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.One, ManualActions.Manual), cancellationToken: Ct);

        forced.Outcomes.ShouldHaveSingleItem().Kind.ShouldBe(PostDeployOutcomeKind.Succeeded);
        (await Effects.CountByActionAsync(dataSource))[ManualActions.Manual].ShouldBe(2);
    }

    [Fact]
    public async Task Skipped_action_is_not_run_by_all_until_reset()
    {
        await using var dataSource = await CreateAsync();
        var runner = PostDeployTestDatabase.CreateRunner(dataSource, Catalog, "test");

        (await runner.SkipAsync(ManualActions.Manual, cancellationToken: Ct)).ShouldBe(1);
        await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.All), cancellationToken: Ct);
        (await Effects.CountByActionAsync(dataSource)).ShouldNotContainKey(ManualActions.Manual);
        (await runner.ReportAsync(Ct)).Single(r => r.ActionId == ManualActions.Manual).State.ShouldBe(PostDeployState.Skipped);

        (await runner.ResetAsync(ManualActions.Manual, cancellationToken: Ct)).ShouldBe(1);
        await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.All), cancellationToken: Ct);
        (await Effects.CountByActionAsync(dataSource))[ManualActions.Manual].ShouldBe(1);
    }

    [Fact]
    public async Task Report_lists_declared_actions_before_they_run()
    {
        await using var dataSource = await CreateAsync();
        var runner = PostDeployTestDatabase.CreateRunner(dataSource, Catalog, "test");

        var report = await runner.ReportAsync(Ct);

        report.Select(r => (r.ActionId, r.State, r.Auto)).ShouldBe(
            [(ManualActions.Flaky, PostDeployState.Pending, true), (ManualActions.Manual, PostDeployState.Pending, false)]);
    }

    [Fact]
    public async Task Unknown_action_id_is_refused_before_anything_runs()
    {
        await using var dataSource = await CreateAsync();
        var runner = PostDeployTestDatabase.CreateRunner(dataSource, Catalog, "test");

        var error = await Should.ThrowAsync<PostDeployActionNotFoundException>(() =>
            runner.DeployAsync(PostDeployRequest.For(PostDeployMode.One, "nope"), cancellationToken: Ct));

        error.ActionId.ShouldBe("nope");
    }

    [Fact]
    public async Task All_tenants_runs_an_action_in_each_tenant_schema()
    {
        await using var dataSource = await CreateAsync();
        await using (var command = dataSource.CreateCommand("CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b;"))
        {
            await command.ExecuteNonQueryAsync(Ct);
        }

        var runner = PostDeployTestDatabase.CreateRunner(dataSource, Catalog, "test", tenants: new SchemaTenants());

        var result = await runner.DeployAsync(
            new PostDeployRequest { Mode = PostDeployMode.One, ActionId = ManualActions.Manual, AllTenants = true },
            cancellationToken: Ct);

        result.Outcomes.Select(o => (o.Item.Tenant, o.Kind)).ShouldBe(
            [("tenant_a", PostDeployOutcomeKind.Succeeded), ("tenant_b", PostDeployOutcomeKind.Succeeded)]);
        (await PostDeployTestDatabase.ScalarAsync<long>(dataSource, "SELECT count(DISTINCT tenant) FROM effects")).ShouldBe(2);
    }

    [Fact]
    public async Task Backfill_in_a_tenant_schema_finds_the_tenant_table_through_search_path()
    {
        await using var dataSource = await CreateAsync();
        await using (var command = dataSource.CreateCommand("CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b;"))
        {
            await command.ExecuteNonQueryAsync(Ct);
        }

        await PostDeployTestDatabase.CreateItemsAsync(dataSource, 2_500, "tenant_a.items");
        await PostDeployTestDatabase.CreateItemsAsync(dataSource, 1_500, "tenant_b.items");
        var runner = PostDeployTestDatabase.CreateRunner(
            dataSource, PostDeployCatalog.FromTypes(typeof(SqlBackfill)), "test", tenants: new SchemaTenants());

        var result = await runner.DeployAsync(new PostDeployRequest { Mode = PostDeployMode.All, AllTenants = true }, cancellationToken: Ct);

        result.Outcomes.ShouldAllBe(o => o.Kind == PostDeployOutcomeKind.Succeeded);
        (await PostDeployTestDatabase.ScalarAsync<long>(dataSource,
            "SELECT (SELECT sum(counter) FROM tenant_a.items) + (SELECT sum(counter) FROM tenant_b.items)")).ShouldBe(4_000);
        (await runner.ReportAsync(Ct)).Where(r => r.Tenant.Length > 0).Select(r => r.RowsDone).ShouldBe([2_500L, 1_500L]);
    }

    [Fact]
    public async Task Pause_stops_a_backfill_at_a_batch_boundary_and_resume_continues_from_its_cursor()
    {
        await using var dataSource = await CreateAsync();
        await PostDeployTestDatabase.CreateItemsAsync(dataSource, 10_000);
        var catalog = PostDeployCatalog.FromTypes(typeof(CountingBackfill));
        var operatorRunner = PostDeployTestDatabase.CreateRunner(dataSource, catalog, "operator");
        // The operator pauses while the fourth batch is in flight; that batch still commits with its cursor.
        var hook = new BackfillHook
        {
            BatchSize = 1000,
            OnBatch = async (batch, token) =>
            {
                if (batch.Upper == 4000)
                {
                    await operatorRunner.PauseAsync("2026-11-backfill-items-counter", cancellationToken: token);
                }
            },
        };
        var runner = PostDeployTestDatabase.CreateRunner(
            dataSource, catalog, "deployer", services: new ServiceCollection().AddSingleton(hook).BuildServiceProvider());

        var paused = await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.Auto), cancellationToken: Ct);

        paused.Outcomes.ShouldHaveSingleItem().Kind.ShouldBe(PostDeployOutcomeKind.Paused);
        var row = (await runner.ReportAsync(Ct)).Single();
        (row.State, row.RowsDone).ShouldBe((PostDeployState.Paused, 4_000L));
        (await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.Auto), cancellationToken: Ct)).Outcomes.ShouldBeEmpty();

        (await runner.ResumeAsync("2026-11-backfill-items-counter", cancellationToken: Ct)).ShouldBe(1);
        var resumed = await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.Auto), cancellationToken: Ct);

        resumed.Outcomes.ShouldHaveSingleItem().Kind.ShouldBe(PostDeployOutcomeKind.Succeeded);
        (await PostDeployTestDatabase.ScalarAsync<long>(dataSource, "SELECT count(*) FROM items WHERE counter <> 1")).ShouldBe(0);
    }

    [Fact]
    public async Task Cancelled_backfill_keeps_its_cursor_and_is_not_rerun_by_auto()
    {
        await using var dataSource = await CreateAsync();
        await PostDeployTestDatabase.CreateItemsAsync(dataSource, 5_000);
        var catalog = PostDeployCatalog.FromTypes(typeof(CountingBackfill));
        var operatorRunner = PostDeployTestDatabase.CreateRunner(dataSource, catalog, "operator");
        var hook = new BackfillHook
        {
            OnBatch = async (batch, token) =>
            {
                if (batch.Upper == 2000)
                {
                    await operatorRunner.CancelAsync("2026-11-backfill-items-counter", cancellationToken: token);
                }
            },
        };
        var runner = PostDeployTestDatabase.CreateRunner(
            dataSource, catalog, "deployer", services: new ServiceCollection().AddSingleton(hook).BuildServiceProvider());

        var cancelled = await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.Auto), cancellationToken: Ct);
        var again = await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.Auto), cancellationToken: Ct);

        cancelled.Outcomes.ShouldHaveSingleItem().Kind.ShouldBe(PostDeployOutcomeKind.Cancelled);
        again.Outcomes.ShouldBeEmpty();
        (await PostDeployTestDatabase.ScalarAsync<long>(dataSource, "SELECT sum(counter) FROM items")).ShouldBe(2_000);
        (await PostDeployTestDatabase.ScalarAsync<string>(dataSource, "SELECT cursor FROM cutover_post_deploy")).ShouldBe("2000");
    }

    [Fact]
    public async Task Journal_honours_a_custom_schema_and_table_name()
    {
        await using var dataSource = await CreateAsync();
        var options = new PostDeployOptions { JournalTable = new("ops \"x\"", "post deploy") };
        var runner = PostDeployTestDatabase.CreateRunner(dataSource, Catalog, "test", options: options);

        await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.One, ManualActions.Manual), cancellationToken: Ct);

        // Every declared action is recorded (for the post phase's gate); the one asked for ran.
        (await PostDeployTestDatabase.ScalarAsync<string>(dataSource,
            $"SELECT string_agg(action_id || ':' || state, ',') FROM \"ops \"\"x\"\"\".\"post deploy\" WHERE state <> 'pending'"))
            .ShouldBe(ManualActions.Manual + ":succeeded");
    }

    [Fact]
    public async Task Runs_are_logged_by_event_id()
    {
        await using var dataSource = await CreateAsync();
        var logs = new CapturingLoggerFactory();
        var runner = PostDeployTestDatabase.CreateRunner(dataSource, Catalog, "test", loggerFactory: logs);

        await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.Auto), cancellationToken: Ct);

        logs.EventIds.ShouldContain(CutoverEventIds.PostDeployJournalCreated);
        logs.EventIds.ShouldContain(CutoverEventIds.PostDeployActionClaimed);
        logs.EventIds.ShouldContain(CutoverEventIds.PostDeployActionFailed);
    }

    private async Task<NpgsqlDataSource> CreateAsync() =>
        fixture.Server.CreateDataSource(await PostDeployTestDatabase.CreateAsync(fixture));
}
