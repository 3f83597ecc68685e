using Microsoft.Extensions.Logging;

namespace Cutover.PostDeploy;

/// <summary>Every log message of the post-deploy capability, source-generated; ids in <see cref="CutoverEventIds"/>.</summary>
internal static partial class PostDeployLog
{
    [LoggerMessage(CutoverEventIds.PostDeployJournalCreated, LogLevel.Information, "Created post-deploy journal {Table}")]
    public static partial void JournalCreated(ILogger logger, string table);

    [LoggerMessage(CutoverEventIds.PostDeployActionsRequested, LogLevel.Information,
        "Requested {Count} post-deploy action runs ({Mode})")]
    public static partial void ActionsRequested(ILogger logger, int count, PostDeployMode mode);

    [LoggerMessage(CutoverEventIds.PostDeployActionClaimed, LogLevel.Information,
        "Running post-deploy action {Item} (attempt {Attempt}) on {Host}")]
    public static partial void ActionClaimed(ILogger logger, string item, int attempt, string host);

    [LoggerMessage(CutoverEventIds.PostDeployActionSucceeded, LogLevel.Information,
        "Post-deploy action {Item} succeeded in {ElapsedMs} ms")]
    public static partial void ActionSucceeded(ILogger logger, string item, long elapsedMs);

    [LoggerMessage(CutoverEventIds.PostDeployActionFailed, LogLevel.Error, "Post-deploy action {Item} failed")]
    public static partial void ActionFailed(ILogger logger, Exception exception, string item);

    [LoggerMessage(CutoverEventIds.PostDeployActionNotClaimed, LogLevel.Information,
        "Post-deploy action {Item} is running or done elsewhere; not run here")]
    public static partial void ActionNotClaimed(ILogger logger, string item);

    [LoggerMessage(CutoverEventIds.PostDeployClaimLost, LogLevel.Warning,
        "Lost the claim on post-deploy action {Item}; another node took it over and nothing more of this run is saved")]
    public static partial void ClaimLost(ILogger logger, string item);

    [LoggerMessage(CutoverEventIds.PostDeployActionReleased, LogLevel.Information,
        "Shutting down: handed post-deploy action {Item} back for another node")]
    public static partial void ActionReleased(ILogger logger, string item);

    [LoggerMessage(CutoverEventIds.PostDeployActionStopped, LogLevel.Information,
        "Post-deploy action {Item} stopped: {State} by an operator")]
    public static partial void ActionStopped(ILogger logger, string item, PostDeployState state);

    [LoggerMessage(CutoverEventIds.PostDeployBackfillBatch, LogLevel.Debug,
        "Backfill {Item}: committed batch of {Rows} rows up to key {Cursor}, {RowsDone} rows done")]
    public static partial void BackfillBatchCommitted(ILogger logger, string item, long cursor, long rowsDone, int rows);

    [LoggerMessage(CutoverEventIds.PostDeployBackfillThrottled, LogLevel.Information,
        "Backfill {Item}: backing off, lock wait {LockWaitMs} ms, replication lag {LagMs} ms")]
    public static partial void BackfillThrottled(ILogger logger, string item, double lockWaitMs, double lagMs);

    [LoggerMessage(CutoverEventIds.PostDeployBackfillBatchRetry, LogLevel.Information,
        "Backfill {Item}: batch after key {Cursor} rolled back ({SqlState}); retry {Retry}")]
    public static partial void BackfillBatchRetry(ILogger logger, string item, long cursor, string sqlState, int retry);

    [LoggerMessage(CutoverEventIds.PostDeployActionsQueued, LogLevel.Information,
        "Queued {Count} post-deploy action runs for {Scheduler}")]
    public static partial void ActionsQueued(ILogger logger, int count, string scheduler);

    [LoggerMessage(CutoverEventIds.PostDeployWorkerStarted, LogLevel.Information,
        "Post-deploy worker on {Host} is claiming {Count} declared actions")]
    public static partial void WorkerStarted(ILogger logger, string host, int count);

    [LoggerMessage(CutoverEventIds.PostDeployWorkerError, LogLevel.Warning,
        "Post-deploy worker hit a database error; trying again in {DelayMs} ms")]
    public static partial void WorkerError(ILogger logger, Exception exception, long delayMs);

    [LoggerMessage(CutoverEventIds.PostDeployStateChanged, LogLevel.Information,
        "{Operation} post-deploy action {ActionId}: {Rows} rows changed")]
    public static partial void StateChanged(ILogger logger, string operation, string actionId, int rows);

    [LoggerMessage(CutoverEventIds.PostDeployWaitingForClaim, LogLevel.Warning,
        "{Item} is claimed by {Host} until {ExpiresAt:u}; waiting for it to finish or for the claim to lapse")]
    public static partial void WaitingForClaim(ILogger logger, string item, string host, DateTimeOffset expiresAt);
}
