using Cutover.PostDeploy;
using Cutover.Tests;
using HangfireNode;
using Shouldly;

namespace Cutover.Hangfire.Tests;

public sealed class KilledServerBackfillIsResumedByTheOther(ServerFixture fixture)
{
    [Fact]
    public async Task A_server_killed_mid_backfill_is_taken_over_and_every_row_is_processed_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await HangfireDatabase.CreateAsync(fixture, BackfillActions.CreateTable);
        using var child = NodeProcess.Start(database.ConnectionString, "doomed");
        try
        {
            // Only the child runs at first, so it is the one that fetches the job.
            (await child.StandardOutput.ReadLineAsync(ct)).ShouldBe("started doomed");
            var queued = await database.Runner.DeployAsync(
                new PostDeployRequest { Mode = PostDeployMode.One, ActionId = BackfillActions.BackfillId, WaitForCompletion = false },
                cancellationToken: ct);
            queued.Outcomes.ShouldHaveSingleItem().Kind.ShouldBe(PostDeployOutcomeKind.Queued);
            await HangfireDatabase.WaitUntilAsync("the child's backfill under way", async () =>
                await database.ScalarAsync<long>("SELECT count(*) FROM backfilled WHERE touched_by = 'doomed'") >= 50);
            // The survivor is up before the kill: its workers poll the queue, where the job stays invisible while
            // the child renews it.
            database.StartNode("survivor");

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

        var doneByChild = await database.ScalarAsync<long>("SELECT count(*) FROM backfilled WHERE touched_by = 'doomed'");
        await HangfireDatabase.WaitUntilAsync("the backfill taken over and finished", async () =>
            (await database.JournalRowAsync(BackfillActions.BackfillId)).State == PostDeployState.Succeeded);

        var row = await database.JournalRowAsync(BackfillActions.BackfillId);
        (row.Host, row.Attempts).ShouldBe(("survivor", 2));
        var once = await database.ScalarAsync<long>("SELECT count(*) FROM backfilled WHERE touched = 1");
        var notOnce = await database.ScalarAsync<long>("SELECT count(*) FROM backfilled WHERE touched <> 1");
        var bySurvivor = await database.ScalarAsync<long>("SELECT count(*) FROM backfilled WHERE touched_by = 'survivor'");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"rows: {once} processed once, {notOnce} not; {doneByChild} by the killed server, {bySurvivor} by the survivor");
        (once, notOnce).ShouldBe((BackfillActions.Rows, 0L));
        doneByChild.ShouldBeGreaterThan(0);
        (doneByChild + bySurvivor).ShouldBe(BackfillActions.Rows);
        // The survivor performed the dead server's own job (re-fetched after the invisibility timeout).
        await HangfireDatabase.WaitUntilAsync("the one Hangfire job succeeded", async () =>
            (await database.JobStatesAsync()).SequenceEqual(["Succeeded"]));
    }
}
