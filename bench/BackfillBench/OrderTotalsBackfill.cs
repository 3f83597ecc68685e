using Cutover.PostDeploy;

namespace Cutover.Benchmarks;

/// <summary>The benchmarked action: fill <c>total</c> from price and quantity, batch by batch.</summary>
[PostDeploy("bench-backfill-order-totals", Description = "total = price * quantity")]
public sealed class OrderTotalsBackfill(BackfillSettings settings) : IPostDeployAction
{
    public async Task RunAsync(PostDeployContext context, CancellationToken cancellationToken) =>
        await context.BackfillAsync(new BackfillOptions
        {
            Table = settings.Table,
            BatchSize = settings.BatchSize,
            BatchSql = $"UPDATE {settings.Table} SET total = price * quantity WHERE id > @lower AND id <= @upper",
        }, cancellationToken);
}
