using Cutover.Execution;
using Cutover.Planning;
using Cutover.Scripts;
using Shouldly;

namespace Cutover.Tests.Scenarios;

/// <summary>The Procrastinate corpus, as its maintainers wrote it: install, full upgrade, and a blue-green upgrade
/// in phases.</summary>
public sealed class ProcrastinateUpgradesInPhases(ServerFixture fixture)
{
    private static async Task<MigrationSet> LoadAsync() =>
        await MigrationSet.LoadAsync(new DirectoryScriptSource(SharedCorpus.Path("procrastinate", "migrations")),
            TestContext.Current.CancellationToken);

    private async Task<Migrator> MigratorAsync()
    {
        var database = await fixture.CreateDatabaseAsync();
        return new Migrator(fixture.Server.CreateDataSource(database), await LoadAsync());
    }

    [Fact]
    public async Task Install_records_every_migration_as_schema()
    {
        var ct = TestContext.Current.CancellationToken;
        var migrator = await MigratorAsync();

        var result = await migrator.InstallAsync(ct);

        result.Recorded.Length.ShouldBe(38);
        var status = await migrator.GetStatusAsync(ct);
        status.Scripts.ShouldAllBe(s => s.State == ScriptState.Schema);
        status.CurrentVersion.ShouldBe("03.04.00");
        status.NextPre.Steps.ShouldBeEmpty();
        status.Drift.ShouldBeEmpty();
    }

    [Fact]
    public async Task Upgrade_all_applies_every_migration()
    {
        var ct = TestContext.Current.CancellationToken;
        var migrator = await MigratorAsync();

        var result = await migrator.UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All) }, ct);

        result.Applied.Length.ShouldBe(38);
        var status = await migrator.GetStatusAsync(ct);
        status.Scripts.ShouldAllBe(s => s.State == ScriptState.Applied);
        status.NextPre.Remark.ShouldBe("up to date: nothing pending");
    }

    [Fact]
    public async Task Phases_after_03_02_apply_pre_then_post()
    {
        var ct = TestContext.Current.CancellationToken;
        var migrator = await MigratorAsync();
        await migrator.UpgradeAsync(new UpgradeOptions
        {
            Plan = new PlanRequest(PhaseSelection.All, ScriptVersion.Parse("03.02.00")),
        }, ct);

        var pre = await migrator.UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.Pre) }, ct);
        var statusBetween = await migrator.GetStatusAsync(ct);
        var post = await migrator.UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.Post) }, ct);

        pre.Applied.Select(a => a.Name).ShouldBe(
            ["03.03.00_01_pre_priority_lock_fetch_job", "03.04.00_01_pre_add_retry_failed_job_procedure"]);
        pre.Plan.Remark.ShouldBe("post-migrations pending: deploy the new code, then run the post phase");
        statusBetween.NextPost.Steps.Select(s => s.Name.Name).ShouldBe(["03.04.00_50_post_add_retry_failed_job_procedure"]);
        post.Applied.Select(a => a.Name).ShouldBe(["03.04.00_50_post_add_retry_failed_job_procedure"]);
    }

    [Fact]
    public async Task Post_phase_refuses_to_skip_a_pending_pre_migration()
    {
        var ct = TestContext.Current.CancellationToken;
        var migrator = await MigratorAsync();
        await migrator.UpgradeAsync(new UpgradeOptions
        {
            Plan = new PlanRequest(PhaseSelection.All, ScriptVersion.Parse("03.02.00")),
        }, ct);

        var post = await migrator.UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.Post) }, ct);

        post.Applied.ShouldBeEmpty();
        post.Plan.Remark.ShouldBe("pre-migration 03.03.00_01_pre_priority_lock_fetch_job is pending: run the pre phase first");
    }
}
