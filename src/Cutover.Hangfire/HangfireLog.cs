using Microsoft.Extensions.Logging;

namespace Cutover.Hangfire;

/// <summary>The adapter's log messages; their event ids are the library's (<see cref="CutoverEventIds"/>).</summary>
internal static partial class HangfireLog
{
    [LoggerMessage(CutoverEventIds.PostDeployActionsQueued, LogLevel.Information,
        "Queued {Count} post-deploy action runs as Hangfire jobs on queue {Queue}")]
    public static partial void ActionsQueued(ILogger logger, int count, string queue);

    // The executor has logged the refused claim (same event id); these say what the Hangfire job does about it.
    [LoggerMessage(CutoverEventIds.PostDeployActionNotClaimed, LogLevel.Debug,
        "{Item} is running under a claim of {Host}; the Hangfire job waits for that claim to finish or lapse")]
    public static partial void WaitingForClaim(ILogger logger, string item, string? host);

    [LoggerMessage(CutoverEventIds.PostDeployActionNotClaimed, LogLevel.Information,
        "{Item} is still held by {Host}, which kept its claim alive for a whole lease; the Hangfire job leaves it to that node")]
    public static partial void LeftToLiveClaim(ILogger logger, string item, string? host);
}
