using Microsoft.Extensions.Logging;

namespace Cutover.Snapshots;

internal static partial class SnapshotsLog
{
    [LoggerMessage(EventId = CutoverEventIds.SnapshotHit, Level = LogLevel.Information, Message = "Snapshot {TemplateName} ({Stage}) is cached")]
    public static partial void SnapshotHit(ILogger logger, string templateName, string stage);

    [LoggerMessage(EventId = CutoverEventIds.SnapshotWaiting, Level = LogLevel.Information, Message = "Snapshot {TemplateName} is being built by another process; waiting")]
    public static partial void SnapshotWaiting(ILogger logger, string templateName);

    [LoggerMessage(EventId = CutoverEventIds.SnapshotBuilding, Level = LogLevel.Information, Message = "Building snapshot {TemplateName} ({Stage}, {ScriptCount} migrations) by {Origin} from {Source}")]
    public static partial void SnapshotBuilding(ILogger logger, string templateName, string stage, int scriptCount, SnapshotOrigin origin, string source);

    [LoggerMessage(EventId = CutoverEventIds.SnapshotBuilt, Level = LogLevel.Information, Message = "Built snapshot {TemplateName}: {Applied} migration(s) applied in {ElapsedMs} ms")]
    public static partial void SnapshotBuilt(ILogger logger, string templateName, int applied, long elapsedMs);

    [LoggerMessage(EventId = CutoverEventIds.SnapshotStored, Level = LogLevel.Information, Message = "Stored snapshot {TemplateName} in {Path}")]
    public static partial void SnapshotStored(ILogger logger, string templateName, string path);

    [LoggerMessage(EventId = CutoverEventIds.CloneCreated, Level = LogLevel.Debug, Message = "Cloned {TemplateName} into {Database} with {Strategy} in {ElapsedMs} ms")]
    public static partial void CloneCreated(ILogger logger, string templateName, string database, CloneStrategy strategy, long elapsedMs);

    [LoggerMessage(EventId = CutoverEventIds.SnapshotDropped, Level = LogLevel.Information, Message = "Dropped snapshot {TemplateName}")]
    public static partial void SnapshotDropped(ILogger logger, string templateName);

    [LoggerMessage(EventId = CutoverEventIds.CompatibilityRunFinished, Level = LogLevel.Information, Message = "{Configuration}: exit code {ExitCode} in {ElapsedMs} ms")]
    public static partial void CompatibilityRunFinished(ILogger logger, string configuration, int exitCode, long elapsedMs);
}
