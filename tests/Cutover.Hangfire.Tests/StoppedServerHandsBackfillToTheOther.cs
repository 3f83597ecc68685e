using Cutover.PostDeploy;
using Cutover.Tests;
using Cutover.Tests.PostDeploy;
using HangfireNode;
using Shouldly;

namespace Cutover.Hangfire.Tests;

public sealed class StoppedServerHandsBackfillToTheOther(ServerFixture fixture)
{
    [Fact]
    public async Task A_server_stopped_mid_backfill_releases_it_and_the_other_server_finishes_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await HangfireDatabase.CreateAsync(fixture, BackfillActions.CreateTable);
        var stoppingLogs = new CapturingLoggerFactory();
        var stopping = database.StartNode("stopping", stoppingLogs);
        await database.Runner.DeployAsync(
            new PostDeployRequest { Mode = PostDeployMode.One, ActionId = BackfillActions.BackfillId, WaitForCompletion = false },
            cancellationToken: ct);
        await HangfireDatabase.WaitUntilAsync("the backfill under way", async () =>
            await database.ScalarAsync<long>("SELECT count(*) FROM backfilled WHERE touched_by = 'stopping'") >= 50);
        database.StartNode("successor");

        // A graceful stop, as on an application's shutdown: Hangfire cancels the job's token.
        database.StopNode(stopping);

        stoppingLogs.EventIds.ShouldContain(CutoverEventIds.PostDeployActionReleased);
        await HangfireDatabase.WaitUntilAsync("the backfill finished by the successor", async () =>
            (await database.JournalRowAsync(BackfillActions.BackfillId)).State == PostDeployState.Succeeded);
        var row = await database.JournalRowAsync(BackfillActions.BackfillId);
        (row.Host, row.Attempts).ShouldBe(("successor", 2));
        (await database.ScalarAsync<long>("SELECT count(*) FROM backfilled WHERE touched = 1")).ShouldBe(BackfillActions.Rows);
        (await database.ScalarAsync<long>("SELECT count(*) FROM backfilled WHERE touched_by = 'stopping'")).ShouldBeGreaterThan(0);
        // Re-queued, not failed: the same job was performed again by the successor.
        await HangfireDatabase.WaitUntilAsync("the one Hangfire job succeeded", async () =>
            (await database.JobStatesAsync()).SequenceEqual(["Succeeded"]));
        (await database.JobHistoryAsync()).ShouldBe(["Enqueued", "Processing", "Processing", "Succeeded"]);
    }
}
