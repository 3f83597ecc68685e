using Microsoft.Extensions.Logging;

namespace Cutover.PostDeploy;

/// <summary>The backfill messages of <see cref="PostDeployLog"/> for keys that are not one integer: the same events
/// and templates, with the key as its cursor text (a JSON array) instead of a number.</summary>
internal static partial class BackfillLog
{
    [LoggerMessage(CutoverEventIds.PostDeployBackfillBatch, LogLevel.Debug,
        "Backfill {Item}: committed batch of {Rows} rows up to key {Cursor}, {RowsDone} rows done")]
    public static partial void BatchCommitted(ILogger logger, string item, string cursor, long rowsDone, int rows);

    [LoggerMessage(CutoverEventIds.PostDeployBackfillBatchRetry, LogLevel.Information,
        "Backfill {Item}: batch after key {Cursor} rolled back ({SqlState}); retry {Retry}")]
    public static partial void BatchRetry(ILogger logger, string item, string cursor, string sqlState, int retry);
}
