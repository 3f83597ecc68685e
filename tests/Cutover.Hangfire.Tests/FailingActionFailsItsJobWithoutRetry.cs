using Cutover.PostDeploy;
using Cutover.Tests;
using HangfireNode;
using Shouldly;

namespace Cutover.Hangfire.Tests;

public sealed class FailingActionFailsItsJobWithoutRetry(ServerFixture fixture)
{
    [Fact]
    public async Task A_failing_action_is_failed_in_the_journal_and_in_hangfire_and_not_retried()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await HangfireDatabase.CreateAsync(fixture, "SELECT 1");
        database.StartNode("node-1");

        var result = await database.Runner.DeployAsync(
            new PostDeployRequest { Mode = PostDeployMode.One, ActionId = BackfillActions.FailingId }, cancellationToken: ct);

        var outcome = result.Outcomes.ShouldHaveSingleItem();
        outcome.Kind.ShouldBe(PostDeployOutcomeKind.Failed);
        outcome.ErrorSummary.ShouldNotBeNull().ShouldContain("deliberate failure");
        var row = await database.JournalRowAsync(BackfillActions.FailingId);
        (row.State, row.Attempts).ShouldBe((PostDeployState.Failed, 1));
        await HangfireDatabase.WaitUntilAsync("the Hangfire job failed", async () =>
            (await database.JobStatesAsync()).SequenceEqual(["Failed"]));
        // An automatic retry would have gone from Processing to Scheduled instead of Failed.
        (await database.JobHistoryAsync()).ShouldBe(["Enqueued", "Processing", "Failed"]);
        (await database.ScalarAsync<string>("SELECT data::text FROM hangfire.state WHERE name = 'Failed'"))
            .ShouldContain(typeof(PostDeployJobFailedException).FullName!);
    }
}
