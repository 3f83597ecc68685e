using Microsoft.Extensions.Logging;

namespace Cutover.Hangfire;

/// <summary>The adapter's log messages; their event ids are the library's (<see cref="CutoverEventIds"/>).</summary>
internal static partial class HangfireLog
{
    [LoggerMessage(CutoverEventIds.PostDeployActionsQueued, LogLevel.Information,
        "Queued {Count} post-deploy action runs as Hangfire jobs on queue {Queue}")]
    public static partial void ActionsQueued(ILogger logger, int count, string queue);

    // The executor has logged the wait (its own event id); this says what the Hangfire job does about it.
    [LoggerMessage(CutoverEventIds.PostDeployActionNotClaimed, LogLevel.Information,
        "{Item}: {Detail}; a node that keeps its claim alive for a whole lease is live, so the Hangfire job leaves the action to it")]
    public static partial void LeftToLiveClaim(ILogger logger, string item, string? detail);
}
