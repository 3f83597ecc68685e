namespace Cutover.PostDeploy;

/// <summary>What one backfill attempt did.</summary>
/// <param name="RowsDone">Keys processed over all attempts.</param>
/// <param name="Batches">Batches committed by this attempt.</param>
/// <param name="RowsAffected">Rows the batch statements reported changed in this attempt (0 for
/// <see cref="BackfillOptions.ProcessBatch"/>).</param>
/// <param name="Retries">Batches retried after a lock timeout or deadlock.</param>
/// <param name="Elapsed">How long this attempt took.</param>
/// <param name="Resumed">Whether it continued from a saved cursor.</param>
public sealed record BackfillResult(
    long RowsDone, long Batches, long RowsAffected, int Retries, TimeSpan Elapsed, bool Resumed);
