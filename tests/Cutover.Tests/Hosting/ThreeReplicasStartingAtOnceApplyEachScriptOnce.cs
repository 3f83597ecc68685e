using Cutover.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace Cutover.Tests.Hosting;

/// <summary>Three replicas of one application start at the same moment, each migrating on start: they take turns on
/// the deploy lock, one applies the pre phase, the others find nothing to do, and all three start.</summary>
public sealed class ThreeReplicasStartingAtOnceApplyEachScriptOnce(ServerFixture fixture)
{
    [Fact]
    public async Task Three_hosts_started_together_apply_each_pre_script_once_and_all_start()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        var scripts = TestHosts.WriteScripts(TestHosts.Scripts);
        await using var dataSource = fixture.Server.CreateDataSource(database);

        // The test holds the deploy lock until all three replicas are waiting for it, so they really do meet there
        // (without it the first could finish before the others looked), then lets them go at once.
        var held = await DeployLock.AcquireAsync(
            c => dataSource.OpenConnectionAsync(c).AsTask(), "cutover:public.cutover_migrations", TimeSpan.Zero,
            TimeProvider.System, NullLogger.Instance, ct);
        var replicas = Enumerable.Range(1, 3).Select(i =>
        {
            var log = new CapturedLog();
            var builder = TestHosts.CreateBuilder(new Dictionary<string, string?> { ["Cutover:ScriptsDirectory"] = scripts }, log);
            TestHosts.AddDataSource(builder.Services, fixture.Server, database, $"replica-{i}");
            builder.Services.AddCutover(builder.Configuration.GetSection("Cutover")).MigrateOnStartup();
            return (Host: builder.Build(), Log: log);
        }).ToList();
        try
        {
            var starts = replicas.Select(r => r.Host.StartAsync(ct)).ToList();
            await Task.WhenAll(replicas.Select(r => r.Log.WhenLoggedAsync(CutoverEventIds.DeployLockWaiting, ct)));
            starts.ShouldAllBe(s => !s.IsCompleted);

            await held.DisposeAsync();
            await Task.WhenAll(starts);

            foreach (var (host, _) in replicas)
            {
                host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.IsCancellationRequested
                    .ShouldBeTrue();
            }

            (await TestHosts.QueryStringsAsync(dataSource, "SELECT script FROM runs ORDER BY script")).ShouldBe(["01", "02"]);
            (await TestHosts.QueryStringsAsync(dataSource, "SELECT name FROM cutover_migrations ORDER BY name"))
                .ShouldBe(["01.00.00_01_pre_create_widgets", "01.00.00_02_pre_record_settings"]);
            replicas.Select(r => (int)r.Log.Single(CutoverEventIds.StartupMigrationFinished).Values["Count"]!)
                .Order().ShouldBe([0, 0, 2]);
        }
        finally
        {
            await held.DisposeAsync();
            foreach (var (host, _) in replicas)
            {
                await host.StopAsync(CancellationToken.None);
                host.Dispose();
            }
        }
    }
}
