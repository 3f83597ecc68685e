using Cutover.PostDeploy;
using Cutover.Tests;
using Cutover.Tests.PostDeploy;
using HangfireNode;
using Shouldly;

namespace Cutover.Hangfire.Tests;

public sealed class RefetchedJobWaitsForDeadClaim(ServerFixture fixture)
{
    // Longer than the invisibility timeout (4 s) and than the survivor needs to fetch the re-deploy's job: both jobs
    // meet the dead server's claim while it is still live.
    private static readonly TimeSpan s_lease = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task Jobs_that_meet_a_dead_servers_live_claim_wait_for_it_to_lapse_and_resume_the_backfill_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await HangfireDatabase.CreateAsync(fixture, BackfillActions.CreateTable);
        var request = new PostDeployRequest
        {
            Mode = PostDeployMode.One, ActionId = BackfillActions.BackfillId, WaitForCompletion = false,
        };
        using var child = NodeProcess.Start(database.ConnectionString, "doomed", s_lease);
        try
        {
            (await child.StandardOutput.ReadLineAsync(ct)).ShouldBe("started doomed");
            await database.Runner.DeployAsync(request, cancellationToken: ct);
            await HangfireDatabase.WaitUntilAsync("the child's backfill under way", async () =>
                await database.ScalarAsync<long>("SELECT count(*) FROM backfilled WHERE touched_by = 'doomed'") >= 50);
            child.Kill();
            await child.WaitForExitAsync(ct);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }
        }

        // A re-deploy right after the crash enqueues a second job for the running action.
        await database.Runner.DeployAsync(request, cancellationToken: ct);
        var logs = new CapturingLoggerFactory();
        database.StartNode("survivor", logs, s_lease);

        await HangfireDatabase.WaitUntilAsync("the backfill taken over and finished", async () =>
            (await database.JournalRowAsync(BackfillActions.BackfillId)).State == PostDeployState.Succeeded);
        var row = await database.JournalRowAsync(BackfillActions.BackfillId);
        (row.Host, row.Attempts).ShouldBe(("survivor", 2));
        (await database.ScalarAsync<long>("SELECT count(*) FROM backfilled WHERE touched = 1")).ShouldBe(BackfillActions.Rows);
        logs.EventIds.ShouldContain(CutoverEventIds.PostDeployActionNotClaimed);
        logs.EventIds.Count(id => id == CutoverEventIds.PostDeployActionClaimed).ShouldBe(1);
        await HangfireDatabase.WaitUntilAsync("both Hangfire jobs succeeded", async () =>
            (await database.JobStatesAsync()).SequenceEqual(["Succeeded", "Succeeded"]));
    }
}
