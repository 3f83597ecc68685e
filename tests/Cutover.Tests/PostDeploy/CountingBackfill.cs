using Cutover.PostDeploy;
using Npgsql;

namespace Cutover.Tests.PostDeploy;

/// <summary>Adds one to <c>items.counter</c> for every row, batch by batch: a counter of 2 means a row was processed
/// twice, 0 that it was missed.</summary>
[PostDeploy("2026-11-backfill-items-counter", Auto = true, Description = "Counts every item once")]
public sealed class CountingBackfill(BackfillHook hook) : IPostDeployAction
{
    public async Task RunAsync(PostDeployContext context, CancellationToken cancellationToken) =>
        await context.BackfillAsync(new BackfillOptions
        {
            Table = "items",
            BatchSize = hook.BatchSize,
            BackoffDelay = TimeSpan.Zero,
            ProcessBatch = async (batch, token) =>
            {
                await using var command = new NpgsqlCommand(
                    "UPDATE items SET counter = counter + 1 WHERE id > @lower AND id <= @upper",
                    batch.Connection, batch.Transaction);
                command.Parameters.AddWithValue("lower", batch.Lower);
                command.Parameters.AddWithValue("upper", batch.Upper);
                await command.ExecuteNonQueryAsync(token);
                await hook.OnBatch(batch, token);
            },
        }, cancellationToken);
}
