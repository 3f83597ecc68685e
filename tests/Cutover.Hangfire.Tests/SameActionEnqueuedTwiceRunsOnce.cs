using Cutover.PostDeploy;
using Cutover.Tests;
using Cutover.Tests.PostDeploy;
using HangfireNode;
using Shouldly;

namespace Cutover.Hangfire.Tests;

public sealed class SameActionEnqueuedTwiceRunsOnce(ServerFixture fixture)
{
    [Fact]
    public async Task An_action_deployed_twice_becomes_two_hangfire_jobs_and_runs_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await HangfireDatabase.CreateAsync(fixture, CountedActions.CreateTable);
        var request = new PostDeployRequest { Mode = PostDeployMode.One, ActionId = "hangfire-01", WaitForCompletion = false };
        // Two deploys before any server runs: the action is still pending, so the second requests and enqueues it again.
        await database.Runner.DeployAsync(request, cancellationToken: ct);
        await database.Runner.DeployAsync(request, cancellationToken: ct);
        (await database.JobStatesAsync()).ShouldBe(["Enqueued", "Enqueued"]);
        var logs = new CapturingLoggerFactory();

        database.StartNode("node-1", logs);
        database.StartNode("node-2", logs);

        await HangfireDatabase.WaitUntilAsync("both Hangfire jobs succeeded", async () =>
            (await database.JobStatesAsync()).SequenceEqual(["Succeeded", "Succeeded"]));
        (await database.ScalarAsync<long>("SELECT count(*) FROM effects")).ShouldBe(1);
        var row = await database.JournalRowAsync("hangfire-01");
        (row.State, row.Attempts).ShouldBe((PostDeployState.Succeeded, 1));
        logs.EventIds.Count(id => id == CutoverEventIds.PostDeployActionClaimed).ShouldBe(1);
        logs.EventIds.ShouldContain(CutoverEventIds.PostDeployActionNotClaimed);
    }
}
