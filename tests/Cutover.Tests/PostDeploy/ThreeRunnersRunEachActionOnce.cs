using Cutover.PostDeploy;
using Shouldly;

namespace Cutover.Tests.PostDeploy;

public sealed class ThreeRunnersRunEachActionOnce(ServerFixture fixture)
{
    [Fact]
    public async Task Three_runners_started_at_once_run_each_of_twenty_actions_exactly_once()
    {
        var database = await PostDeployTestDatabase.CreateAsync(fixture);
        var catalog = PostDeployCatalog.FromTypes(typeof(CountedActions));
        var dataSources = Enumerable.Range(1, 3)
            .Select(i => PostDeployTestDatabase.CreateDataSource(fixture.Server, database, $"runner-{i}"))
            .ToList();
        try
        {
            var runners = dataSources
                .Select((d, i) => PostDeployTestDatabase.CreateRunner(d, catalog, $"runner-{i + 1}"))
                .ToList();
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var deploys = runners.Select(r => Task.Run(async () =>
            {
                await start.Task;
                return await r.DeployAsync(
                    new PostDeployRequest { Mode = PostDeployMode.All }, cancellationToken: TestContext.Current.CancellationToken);
            })).ToList();
            start.SetResult();
            var results = await Task.WhenAll(deploys);

            var counts = await Effects.CountByActionAsync(dataSources[0]);
            counts.Count.ShouldBe(20);
            counts.Values.ShouldAllBe(c => c == 1);
            // Each runner reports every action: the ones it ran, and the ones it waited for another runner to finish.
            var outcomes = results.SelectMany(r => r.Outcomes).ToList();
            outcomes.ShouldAllBe(o => o.Kind == PostDeployOutcomeKind.Succeeded);
            outcomes.Count(o => o.RanBy == null).ShouldBe(20);
            results.ShouldAllBe(r => !r.HasFailures);
            var report = await runners[0].ReportAsync(TestContext.Current.CancellationToken);
            report.ShouldAllBe(row => row.State == PostDeployState.Succeeded && row.Attempts == 1);
        }
        finally
        {
            foreach (var dataSource in dataSources)
            {
                await dataSource.DisposeAsync();
            }
        }
    }
}
