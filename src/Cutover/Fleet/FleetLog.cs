using Microsoft.Extensions.Logging;

namespace Cutover.Fleet;

internal static partial class FleetLog
{
    [LoggerMessage(EventId = CutoverEventIds.FleetRunStarted, Level = LogLevel.Information, Message = "Fleet run {RunId}: {Targets} target(s), phase {Phase}, {Mode}")]
    public static partial void RunStarted(ILogger logger, string runId, int targets, Cutover.Planning.PhaseSelection phase, string mode);

    [LoggerMessage(EventId = CutoverEventIds.FleetTargetDone, Level = LogLevel.Information, Message = "{Target}: done, {Applied} script(s) in {ElapsedMs} ms")]
    public static partial void TargetDone(ILogger logger, string target, int applied, long elapsedMs);

    [LoggerMessage(EventId = CutoverEventIds.FleetTargetFailed, Level = LogLevel.Error, Message = "{Target}: failed: {Error}")]
    public static partial void TargetFailed(ILogger logger, string target, string error);

    [LoggerMessage(EventId = CutoverEventIds.FleetTargetResumed, Level = LogLevel.Warning, Message = "{Target}: its worker died while it ran; checking it against its own journal")]
    public static partial void TargetResumed(ILogger logger, string target);

    [LoggerMessage(EventId = CutoverEventIds.FleetBudgetExceeded, Level = LogLevel.Error, Message = "Fleet run {RunId} stopped: more targets failed than the budget of {Budget} allows")]
    public static partial void BudgetExceeded(ILogger logger, string runId, int budget);
}
