using Microsoft.Extensions.Logging;

namespace Cutover.Quartz;

/// <summary>The adapter's log messages; their event ids are the library's (<see cref="CutoverEventIds"/>).</summary>
internal static partial class QuartzLog
{
    [LoggerMessage(CutoverEventIds.PostDeployActionsQueued, LogLevel.Information,
        "Queued {Count} post-deploy action runs as jobs of Quartz scheduler {Scheduler}")]
    public static partial void ActionsQueued(ILogger logger, int count, string scheduler);
}
