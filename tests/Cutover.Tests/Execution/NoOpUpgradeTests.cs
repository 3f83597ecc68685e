using Cutover.Execution;
using Cutover.Planning;
using Cutover.Scripts;
using Cutover.Tests.Connections;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.Execution;

/// <summary>An upgrade with nothing to do answers from the committed journal without the deploy lock (every instance
/// of a rolling deploy runs one as it starts), and only then: a pending script or a script in progress still waits for
/// the lock's holder.</summary>
public sealed class NoOpUpgradeTests(ServerFixture fixture)
{
    private const string Key = "cutover:public.cutover_migrations";
    private static readonly TimeSpan ShortWait = TimeSpan.FromMilliseconds(300);

    private static MigrationSet Scripts(params (string Name, string Body)[] files) =>
        MigrationSet.Create("db", files.Select(f => new ScriptFile(f.Name, "db/" + f.Name, f.Body)), null);

    private static readonly (string, string) First = ("01.00.00_01_pre_a.sql", "CREATE TABLE a (id int);");
    private static readonly (string, string) Second = ("01.00.00_02_pre_b.sql", "CREATE TABLE b (id int);");

    private static Task<DeployLock> HoldAsync(NpgsqlDataSource dataSource, CancellationToken ct) =>
        DeployLock.AcquireAsync(c => dataSource.OpenConnectionAsync(c).AsTask(), Key, TimeSpan.Zero, TimeProvider.System,
            new RecordingLogger<Migrator>(), ct);

    private static Migrator MigratorOf(NpgsqlDataSource dataSource, MigrationSet scripts) =>
        new(dataSource, scripts, new MigratorOptions { DeployLockWait = ShortWait });

    [Fact]
    public async Task Nothing_to_do_is_answered_while_another_run_holds_the_lock()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = fixture.Server.CreateDataSource(await fixture.CreateDatabaseAsync());
        var scripts = Scripts(First);
        await MigratorOf(dataSource, scripts).UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All) }, ct);
        await using var held = await HoldAsync(dataSource, ct);

        var result = await MigratorOf(dataSource, scripts)
            .UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All) }, ct);

        result.Applied.ShouldBeEmpty();
        result.Plan.Remark.ShouldNotBeNull().ShouldContain("up to date");
    }

    [Fact]
    public async Task A_pending_script_still_waits_for_the_holder()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = fixture.Server.CreateDataSource(await fixture.CreateDatabaseAsync());
        await MigratorOf(dataSource, Scripts(First)).UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All) }, ct);
        await using var held = await HoldAsync(dataSource, ct);

        await Should.ThrowAsync<DeployLockTimeoutException>(() => MigratorOf(dataSource, Scripts(First, Second))
            .UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All) }, ct));
    }

    [Fact]
    public async Task A_script_in_progress_still_waits_for_the_holder()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = fixture.Server.CreateDataSource(await fixture.CreateDatabaseAsync());
        var scripts = Scripts(First);
        await MigratorOf(dataSource, scripts).UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All) }, ct);

        // What a no-transaction script leaves while it runs under the holder's lock.
        await using (var running = dataSource.CreateCommand("UPDATE cutover_migrations SET state = 'running'"))
        {
            await running.ExecuteNonQueryAsync(ct);
        }

        await using var held = await HoldAsync(dataSource, ct);

        await Should.ThrowAsync<DeployLockTimeoutException>(() => MigratorOf(dataSource, scripts)
            .UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All) }, ct));
    }

    [Fact]
    public async Task A_refused_plan_is_refused_as_before()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = fixture.Server.CreateDataSource(await fixture.CreateDatabaseAsync());
        await MigratorOf(dataSource, Scripts(First)).UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All) }, ct);

        var edited = Scripts(("01.00.00_01_pre_a.sql", "CREATE TABLE a (id bigint);"));

        await Should.ThrowAsync<MigrationRefusedException>(() => MigratorOf(dataSource, edited)
            .UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All) }, ct));
    }
}
