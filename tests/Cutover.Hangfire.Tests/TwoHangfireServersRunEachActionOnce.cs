using Cutover.PostDeploy;
using Cutover.Tests;
using Hangfire;
using HangfireNode;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace Cutover.Hangfire.Tests;

public sealed class TwoHangfireServersRunEachActionOnce(ServerFixture fixture)
{
    [Fact]
    public async Task Two_hangfire_servers_share_twenty_actions_and_run_each_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await HangfireDatabase.CreateAsync(fixture, CountedActions.CreateTable);
        database.StartNode("node-1");
        // Node 2 is wired as an application would be: executor, runner and job from its container.
        await using var dataSource2 = NodeSettings.DataSource(database.ConnectionString, "node-2");
        await using var services = new ServiceCollection()
            .AddSingleton(dataSource2)
            .AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(NodeSettings.Storage(database.ConnectionString)))
            .AddCutoverPostDeploy(PostDeployCatalog.FromTypes(typeof(CountedActions)), NodeSettings.PostDeployOptions("node-2"))
            .AddCutoverHangfireScheduler()
            .BuildServiceProvider();
        using var node2 = NodeSettings.StartServer(
            "node-2", NodeSettings.Storage(database.ConnectionString), new ServiceProviderJobActivator(services));
        var runner = services.GetRequiredService<PostDeployRunner>();

        var result = await runner.DeployAsync(new PostDeployRequest { Mode = PostDeployMode.Auto }, cancellationToken: ct);

        result.Outcomes.Length.ShouldBe(20);
        result.Outcomes.ShouldAllBe(o => o.Kind == PostDeployOutcomeKind.Succeeded);
        await using var count = database.Deployer.CreateCommand(
            "SELECT count(*), count(DISTINCT action_id) FROM effects");
        await using var reader = await count.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        (reader.GetInt64(0), reader.GetInt64(1)).ShouldBe((20L, 20L));
        var report = await runner.ReportAsync(ct);
        report.ShouldAllBe(r => r.State == PostDeployState.Succeeded && r.Attempts == 1);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"node-1 ran {report.Count(r => r.Host == "node-1")}, node-2 ran {report.Count(r => r.Host == "node-2")}");
        await HangfireDatabase.WaitUntilAsync("twenty succeeded Hangfire jobs", async () =>
            (await database.JobStatesAsync()) is { Length: 20 } states && states.All(s => s == "Succeeded"));
    }
}
