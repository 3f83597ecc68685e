using System.Reflection;
using System.Reflection.Emit;
using Cutover.Execution;
using Cutover.Planning;
using Cutover.PostDeploy;
using Cutover.Scripts;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.PostDeploy;

/// <summary>Fresh installs never run old data fixes, and the post phase waits for before-post actions: against a real
/// database installed from schema.sql at release 02.00.00 and upgraded to 03.00.00.</summary>
public sealed class ReleasesAndGatesTests(ServerFixture fixture)
{
    private static MigrationSet Release3() => MigrationSet.Create("db",
    [
        new ScriptFile("01.00.00_01_pre_a.sql", "db/01.00.00_01_pre_a.sql", "CREATE TABLE a (id int);"),
        new ScriptFile("02.00.00_01_pre_b.sql", "db/02.00.00_01_pre_b.sql", "CREATE TABLE b (id int);"),
        new ScriptFile("03.00.00_01_pre_c.sql", "db/03.00.00_01_pre_c.sql", "CREATE TABLE c (id int);"),
        new ScriptFile("03.00.00_50_post_drop_a.sql", "db/03.00.00_50_post_drop_a.sql", "DROP TABLE a;"),
    ], null);

    private static MigrationSet Release2WithSchema() => MigrationSet.Create("db",
    [
        new ScriptFile("01.00.00_01_pre_a.sql", "db/01.00.00_01_pre_a.sql", "CREATE TABLE a (id int);"),
        new ScriptFile("02.00.00_01_pre_b.sql", "db/02.00.00_01_pre_b.sql", "CREATE TABLE b (id int);"),
    ], new ScriptFile("schema.sql", "db/schema.sql", "CREATE TABLE a (id int); CREATE TABLE b (id int);"));

    private static readonly PostDeployCatalog s_catalog = PostDeployCatalog.FromTypes(typeof(ReleasedActions));

    [Fact]
    public async Task A_database_installed_at_release_2_never_runs_the_fixes_of_releases_1_and_2()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = await InstalledAtRelease2Async();
        var runner = PostDeployTestDatabase.CreateRunner(dataSource, s_catalog, "node");

        var run = await runner.DeployAsync(new PostDeployRequest { Mode = PostDeployMode.All }, cancellationToken: ct);

        var ran = await Effects.CountByActionAsync(dataSource);
        ran.Keys.Order(StringComparer.Ordinal).ShouldBe(
            [ReleasedActions.OfRelease3, ReleasedActions.WithoutRelease, ReleasedActions.BeforePostOfRelease3]);
        var report = (await runner.ReportAsync(ct)).ToDictionary(r => r.ActionId);
        report[ReleasedActions.OfRelease1].State.ShouldBe(PostDeployState.NotNeeded);
        report[ReleasedActions.OfRelease2].State.ShouldBe(PostDeployState.NotNeeded);
        report[ReleasedActions.BeforePostOfRelease2].State.ShouldBe(PostDeployState.NotNeeded);
        report[ReleasedActions.OfRelease3].State.ShouldBe(PostDeployState.Succeeded);
        run.HasFailures.ShouldBeFalse();

        // Asked again, nothing changes; named with --one, an operator still gets it run.
        (await runner.DeployAsync(new PostDeployRequest { Mode = PostDeployMode.All }, cancellationToken: ct)).Outcomes.ShouldBeEmpty();
        var forced = await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.One, ReleasedActions.OfRelease1), cancellationToken: ct);
        forced.Outcomes.Single().Kind.ShouldBe(PostDeployOutcomeKind.Succeeded);
    }

    [Fact]
    public async Task A_database_built_by_migrations_runs_every_fix()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = fixture.Server.CreateDataSource(await PostDeployTestDatabase.CreateAsync(fixture));
        await new Migrator(dataSource, Release3()).UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.Pre) }, ct);

        await PostDeployTestDatabase.CreateRunner(dataSource, s_catalog, "node")
            .DeployAsync(new PostDeployRequest { Mode = PostDeployMode.All }, cancellationToken: ct);

        (await Effects.CountByActionAsync(dataSource)).Count.ShouldBe(6);
    }

    [Fact]
    public async Task Post_phase_waits_for_before_post_actions_but_not_for_ones_a_fresh_install_does_not_need()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = await InstalledAtRelease2Async(upgradePre: false);
        var migrator = new Migrator(dataSource, Release3());
        UpgradeOptions Upgrade(PhaseSelection phase, bool dryRun = false) => new()
        {
            Plan = new PlanRequest(phase),
            DryRun = dryRun,
            Gates = [new BeforePostActionsGate(dataSource, s_catalog)],
        };

        // With --phase all, the pre-migrations go in and the run stops at the gate.
        var closed = await Should.ThrowAsync<PostPhaseGateClosedException>(() => migrator.UpgradeAsync(Upgrade(PhaseSelection.All), ct));
        closed.Blockers.ShouldBe([$"{ReleasedActions.BeforePostOfRelease3}: pending (never run)"]);
        closed.Applied.Select(a => a.Name).ShouldBe(["03.00.00_01_pre_c"]);
        (await PostDeployTestDatabase.ScalarAsync<bool>(dataSource, "SELECT to_regclass('a') IS NOT NULL")).ShouldBeTrue();
        await Should.ThrowAsync<PostPhaseGateClosedException>(() => migrator.UpgradeAsync(Upgrade(PhaseSelection.Post, dryRun: true), ct));

        // Registered by a deploy that failed: the journal alone (no catalog) still holds the phase.
        var runner = PostDeployTestDatabase.CreateRunner(dataSource, s_catalog, "node");
        await runner.PauseAsync(ReleasedActions.BeforePostOfRelease3, cancellationToken: ct);
        var journalOnly = new UpgradeOptions
        {
            Plan = new PlanRequest(PhaseSelection.Post),
            Gates = [new BeforePostActionsGate(dataSource)],
        };
        (await Should.ThrowAsync<PostPhaseGateClosedException>(() => migrator.UpgradeAsync(journalOnly, ct)))
            .Blockers.ShouldBe([$"{ReleasedActions.BeforePostOfRelease3}: paused"]);

        await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.One, ReleasedActions.BeforePostOfRelease3), cancellationToken: ct);
        var result = await migrator.UpgradeAsync(journalOnly, ct);

        result.Applied.Select(a => a.Name).ShouldBe(["03.00.00_50_post_drop_a"]);
    }

    [Fact]
    public async Task Any_deploy_records_the_before_post_actions_so_the_journal_alone_holds_the_post_phase()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = fixture.Server.CreateDataSource(await PostDeployTestDatabase.CreateAsync(fixture));
        var migrator = new Migrator(dataSource, Release3());
        await migrator.UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.Pre) }, ct);

        // Only the after-post actions ran; the before-post ones are recorded, with their stage, as never run.
        await PostDeployTestDatabase.CreateRunner(dataSource, s_catalog, "node").DeployAsync(
            new PostDeployRequest { Mode = PostDeployMode.All, Stage = PostDeployStage.AfterPost }, cancellationToken: ct);

        var closed = await Should.ThrowAsync<PostPhaseGateClosedException>(() => migrator.UpgradeAsync(new UpgradeOptions
        {
            Plan = new PlanRequest(PhaseSelection.Post),
            Gates = [new BeforePostActionsGate(dataSource)],
        }, ct));
        closed.Blockers.ShouldBe(
        [
            $"{ReleasedActions.BeforePostOfRelease3}: pending (never run)",
            $"{ReleasedActions.BeforePostOfRelease2}: pending (never run)",
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task A_skipped_before_post_action_lets_the_post_phase_through()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = fixture.Server.CreateDataSource(await PostDeployTestDatabase.CreateAsync(fixture));
        var migrator = new Migrator(dataSource, Release3());
        await migrator.UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.Pre) }, ct);
        var runner = PostDeployTestDatabase.CreateRunner(dataSource, s_catalog, "node");
        await runner.SkipAsync(ReleasedActions.BeforePostOfRelease3, cancellationToken: ct);
        await runner.SkipAsync(ReleasedActions.BeforePostOfRelease2, cancellationToken: ct);

        var result = await migrator.UpgradeAsync(new UpgradeOptions
        {
            Plan = new PlanRequest(PhaseSelection.Post),
            Gates = [new BeforePostActionsGate(dataSource, s_catalog)],
        }, ct);

        result.Applied.Length.ShouldBe(1);
    }

    [Fact]
    public async Task A_journal_of_the_first_version_is_brought_up_to_date_and_keeps_its_rows()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = fixture.Server.CreateDataSource(await PostDeployTestDatabase.CreateAsync(fixture));
        await using (var oldJournal = dataSource.CreateCommand("""
            CREATE TABLE cutover_post_deploy (
                action_id text NOT NULL, tenant text NOT NULL DEFAULT '', description text,
                auto boolean NOT NULL DEFAULT false,
                state text NOT NULL DEFAULT 'pending' CHECK (state IN
                    ('pending', 'running', 'succeeded', 'failed', 'skipped', 'cancelled', 'paused')),
                control text CHECK (control IN ('pause', 'cancel')), attempts integer NOT NULL DEFAULT 0,
                created_at timestamptz NOT NULL, requested_at timestamptz, started_at timestamptz,
                finished_at timestamptz, host text, claim_token uuid, claim_expires_at timestamptz,
                error_summary text, error_detail text, rows_done bigint NOT NULL DEFAULT 0, rows_total bigint,
                cursor text, PRIMARY KEY (action_id, tenant));
            INSERT INTO cutover_post_deploy (action_id, state, attempts, created_at)
                VALUES ('2025-old-action', 'succeeded', 1, now()), ('2026-01-fix-release-1', 'pending', 0, now());
            """))
        {
            await oldJournal.ExecuteNonQueryAsync(ct);
        }

        await InstallAsync(dataSource, ct);

        await PostDeployTestDatabase.CreateRunner(dataSource, s_catalog, "node")
            .DeployAsync(new PostDeployRequest { Mode = PostDeployMode.All }, cancellationToken: ct);

        (await PostDeployTestDatabase.ScalarAsync<string>(dataSource,
            "SELECT state FROM cutover_post_deploy WHERE action_id = '2026-01-fix-release-1'")).ShouldBe("not_needed");
        (await PostDeployTestDatabase.ScalarAsync<string>(dataSource,
            "SELECT state || '/' || stage FROM cutover_post_deploy WHERE action_id = '2025-old-action'")).ShouldBe("succeeded/after_post");
        (await PostDeployTestDatabase.ScalarAsync<string>(dataSource,
            $"SELECT stage FROM cutover_post_deploy WHERE action_id = '{ReleasedActions.BeforePostOfRelease3}'")).ShouldBe("before_post");
    }

    [Fact]
    public async Task A_release_that_is_not_a_version_is_a_definition_error()
    {
        var error = Should.Throw<PostDeployDefinitionException>(() => PostDeployCatalog.FromTypes(EmitBadRelease()));
        error.Message.ShouldContain("Release = \"next\" is not a version");
    }

    private async Task<NpgsqlDataSource> InstalledAtRelease2Async(bool upgradePre = true)
    {
        var dataSource = fixture.Server.CreateDataSource(await PostDeployTestDatabase.CreateAsync(fixture));
        await InstallAsync(dataSource, TestContext.Current.CancellationToken, upgradePre);
        return dataSource;
    }

    /// <summary>Installs release 2 from its schema.sql, then (unless told not to) applies release 3's pre phase.</summary>
    private static async Task InstallAsync(NpgsqlDataSource dataSource, CancellationToken ct, bool upgradePre = true)
    {
        await new Migrator(dataSource, Release2WithSchema()).InstallAsync(ct);
        if (upgradePre)
        {
            await new Migrator(dataSource, Release3()).UpgradeAsync(
                new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.Pre) }, ct);
        }
    }

    // Emitted rather than declared, so that the test assembly itself stays a valid catalog for the tests that load it.
    private static Type EmitBadRelease()
    {
        var module = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("BadRelease"), AssemblyBuilderAccess.Run)
            .DefineDynamicModule("BadRelease");
        var type = module.DefineType("BadRelease", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed);
        var method = type.DefineMethod("Run", MethodAttributes.Public | MethodAttributes.Static, typeof(void), Type.EmptyTypes);
        method.GetILGenerator().Emit(OpCodes.Ret);
        method.SetCustomAttribute(new CustomAttributeBuilder(
            typeof(PostDeployAttribute).GetConstructor([typeof(string)])!, ["2026-bad"],
            [typeof(PostDeployAttribute).GetProperty(nameof(PostDeployAttribute.Release))!], ["next"]));
        return type.CreateType();
    }
}
