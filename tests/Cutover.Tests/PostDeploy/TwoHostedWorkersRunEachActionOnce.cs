using Cutover.PostDeploy;
using Shouldly;

namespace Cutover.Tests.PostDeploy;

public sealed class TwoHostedWorkersRunEachActionOnce(ServerFixture fixture)
{
    [Fact]
    public async Task Two_hosted_workers_share_twenty_requested_actions_and_run_each_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await PostDeployTestDatabase.CreateAsync(fixture);
        var catalog = PostDeployCatalog.FromTypes(typeof(CountedActions));
        await using var node1 = PostDeployTestDatabase.CreateDataSource(fixture.Server, database, "node-1");
        await using var node2 = PostDeployTestDatabase.CreateDataSource(fixture.Server, database, "node-2");
        await using var deployer = PostDeployTestDatabase.CreateDataSource(fixture.Server, database, "deployer");
        var workerOptions = new PostDeployWorkerOptions { RequestAutoActions = false };
        var workers = new[]
        {
            new PostDeployWorker(new PostDeployExecutor(node1, catalog, new PostDeployOptions { HostName = "node-1" }), workerOptions),
            new PostDeployWorker(new PostDeployExecutor(node2, catalog, new PostDeployOptions { HostName = "node-2" }), workerOptions),
        };
        foreach (var worker in workers)
        {
            await worker.StartAsync(ct);
        }

        try
        {
            // `cutover deploy --auto` with the hosted scheduler: request, then wait for the workers to finish.
            var runner = new PostDeployRunner(
                new PostDeployExecutor(deployer, catalog, new PostDeployOptions { HostName = "deployer" }),
                new HostedPostDeployScheduler());
            var result = await runner.DeployAsync(new PostDeployRequest { Mode = PostDeployMode.Auto }, cancellationToken: ct);

            result.Outcomes.Length.ShouldBe(20);
            result.Outcomes.ShouldAllBe(o => o.Kind == PostDeployOutcomeKind.Succeeded);
            var counts = await Effects.CountByActionAsync(deployer);
            counts.Count.ShouldBe(20);
            counts.Values.ShouldAllBe(c => c == 1);
            var report = await runner.ReportAsync(ct);
            report.ShouldAllBe(r => r.Attempts == 1 && (r.Host == "node-1" || r.Host == "node-2"));
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"node-1 ran {report.Count(r => r.Host == "node-1")}, node-2 ran {report.Count(r => r.Host == "node-2")}");
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.StopAsync(CancellationToken.None);
                worker.Dispose();
            }
        }
    }

    [Fact]
    public async Task Workers_that_request_automatic_actions_at_start_still_run_each_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await PostDeployTestDatabase.CreateAsync(fixture);
        var catalog = PostDeployCatalog.FromTypes(typeof(CountedActions));
        await using var node1 = PostDeployTestDatabase.CreateDataSource(fixture.Server, database, "node-1");
        await using var node2 = PostDeployTestDatabase.CreateDataSource(fixture.Server, database, "node-2");
        var workers = new[]
        {
            new PostDeployWorker(new PostDeployExecutor(node1, catalog, new PostDeployOptions { HostName = "node-1" })),
            new PostDeployWorker(new PostDeployExecutor(node2, catalog, new PostDeployOptions { HostName = "node-2" })),
        };
        await Task.WhenAll(workers.Select(w => w.StartAsync(ct)));
        try
        {
            // Waiting on the journal (not requesting anything): an --auto deploy with the hosted scheduler would
            // find nothing pending, so wait for the rows the workers requested.
            var observer = new PostDeployRunner(
                new PostDeployExecutor(node1, catalog), new HostedPostDeployScheduler());
            var result = await observer.DeployAsync(new PostDeployRequest { Mode = PostDeployMode.All }, cancellationToken: ct);
            result.HasFailures.ShouldBeFalse();
            var counts = await Effects.CountByActionAsync(node1);
            counts.Count.ShouldBe(20);
            counts.Values.ShouldAllBe(c => c == 1);
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.StopAsync(CancellationToken.None);
                worker.Dispose();
            }
        }
    }
}
