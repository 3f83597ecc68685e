using Cutover.PostDeploy;

namespace Cutover.Tests.PostDeploy;

/// <summary>The same backfill written as one SQL statement per batch.</summary>
[PostDeploy("2026-11-backfill-items-sql", Description = "Counts every item once, in SQL")]
public sealed class SqlBackfill : IPostDeployAction
{
    public async Task RunAsync(PostDeployContext context, CancellationToken cancellationToken) =>
        await context.BackfillAsync(new BackfillOptions
        {
            Table = "items",
            BatchSize = 1000,
            BatchSql = "UPDATE items SET counter = counter + 1 WHERE id > @lower AND id <= @upper",
        }, cancellationToken);
}
