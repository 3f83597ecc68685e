using Microsoft.Extensions.Logging;

namespace Cutover.Execution;

internal static partial class ExecutionLog
{
    [LoggerMessage(EventId = CutoverEventIds.ScriptApplying, Level = LogLevel.Information, Message = "Applying {ScriptName} ({Phase})")]
    public static partial void ScriptApplying(ILogger logger, string scriptName, Scripts.Phase phase);

    [LoggerMessage(EventId = CutoverEventIds.ScriptApplied, Level = LogLevel.Information, Message = "Applied {ScriptName} in {ElapsedMs} ms")]
    public static partial void ScriptApplied(ILogger logger, string scriptName, long elapsedMs);

    [LoggerMessage(EventId = CutoverEventIds.ScriptFailed, Level = LogLevel.Error, Message = "{ScriptName} failed: {Error}")]
    public static partial void ScriptFailed(ILogger logger, string scriptName, string error);

    [LoggerMessage(EventId = CutoverEventIds.LockTimeoutRetry, Level = LogLevel.Warning, Message = "{ScriptName} waited longer than the lock timeout ({LockTimeoutMs} ms) for a lock; retry {Retry} of {Retries} in {DelayMs} ms")]
    public static partial void LockTimeoutRetry(ILogger logger, string scriptName, long lockTimeoutMs, int retry, int retries, long delayMs);

    [LoggerMessage(EventId = CutoverEventIds.StatementExecuting, Level = LogLevel.Debug, Message = "{ScriptName}: statement {StatementIndex} at line {Line}")]
    public static partial void StatementExecuting(ILogger logger, string scriptName, int statementIndex, int line);

    [LoggerMessage(EventId = CutoverEventIds.ServerNotice, Level = LogLevel.Information, Message = "{Source}: {Severity}: {Notice}")]
    public static partial void ServerNotice(ILogger logger, string source, string severity, string notice);

    [LoggerMessage(EventId = CutoverEventIds.DeployLockWaiting, Level = LogLevel.Warning, Message = "Deploy lock {LockKey} is held by {Holder} since {HeldSince}; waited {WaitedMs} of {WaitMs} ms")]
    public static partial void DeployLockWaiting(ILogger logger, string lockKey, string holder, string heldSince, long waitedMs, long waitMs);

    [LoggerMessage(EventId = CutoverEventIds.DeployLockAcquired, Level = LogLevel.Debug, Message = "Deploy lock {LockKey} acquired after {WaitedMs} ms")]
    public static partial void DeployLockAcquired(ILogger logger, string lockKey, long waitedMs);

    [LoggerMessage(EventId = CutoverEventIds.UpgradeFinished, Level = LogLevel.Information, Message = "Upgrade ({Phase}) applied {Count} script(s) in {ElapsedMs} ms")]
    public static partial void UpgradeFinished(ILogger logger, Planning.PhaseSelection phase, int count, long elapsedMs);

    [LoggerMessage(EventId = CutoverEventIds.SchemaInstalled, Level = LogLevel.Information, Message = "Installed {SchemaLocation} and recorded {Count} migration(s) as schema")]
    public static partial void SchemaInstalled(ILogger logger, string schemaLocation, int count);

    [LoggerMessage(EventId = CutoverEventIds.JournalCreated, Level = LogLevel.Information, Message = "Created journal table {JournalTable}")]
    public static partial void JournalCreated(ILogger logger, Journal.JournalTableName journalTable);

    [LoggerMessage(EventId = CutoverEventIds.InvalidIndexDropped, Level = LogLevel.Information, Message = "Dropped INVALID index {IndexName} left by {ScriptName}")]
    public static partial void InvalidIndexDropped(ILogger logger, string indexName, string scriptName);

    [LoggerMessage(EventId = CutoverEventIds.ScriptRecordedMeanwhile, Level = LogLevel.Warning, Message = "{ScriptName} was recorded by another run in the meantime (a run killed with its last batch in flight); skipped")]
    public static partial void ScriptRecordedMeanwhile(ILogger logger, string scriptName);

    [LoggerMessage(EventId = CutoverEventIds.HistoryAdopted, Level = LogLevel.Information, Message = "Adopted {Count} script(s) from {Tool}'s history {HistoryTable} into {JournalTable}; {Pending} pending")]
    public static partial void HistoryAdopted(ILogger logger, int count, Adoption.PreviousTool tool, Journal.JournalTableName historyTable, Journal.JournalTableName journalTable, int pending);
}
