using Cutover.PostDeploy;

namespace PostDeployFixtures;

/// <summary>A slow before-post backfill over <c>items (id bigint, counter int)</c>: each visit adds one to
/// <c>counter</c>, so a test proves every row was processed exactly once. Batches of ten with a pause between them give
/// a test time to kill the process in the middle. Not automatic, so the tests that run <c>--auto</c> never see it.</summary>
public static class ItemsBackfill
{
    /// <summary>The action's id.</summary>
    public const string Id = "2026-12-backfill-items";

    [PostDeploy(Id, Stage = PostDeployStage.BeforePost, Release = "03.00.00", Description = "Count every item once")]
    public static Task RunAsync(PostDeployContext context, CancellationToken cancellationToken) =>
        context.BackfillAsync(new BackfillOptions
        {
            Table = "items",
            BatchSize = 10,
            PauseBetweenBatches = TimeSpan.FromMilliseconds(100),
            BatchSql = "UPDATE items SET counter = counter + 1 WHERE id > @lower AND id <= @upper",
        }, cancellationToken);
}
