using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cutover.PostDeploy;

/// <summary>Leaves requested actions in the journal for the applications' <see cref="PostDeployWorker"/>s, which
/// claim them from the shared table (any number of nodes).</summary>
/// <remarks>Requesting rows already sends a notification that wakes idle workers, so there is nothing else to
/// dispatch. Only nodes whose code declares an action claim it, so an old node in a rolling deploy never runs an
/// action it does not have.</remarks>
public sealed class HostedPostDeployScheduler : IPostDeployScheduler
{
    private readonly ILogger _logger;

    /// <summary>Creates the scheduler.</summary>
    public HostedPostDeployScheduler(ILogger<HostedPostDeployScheduler>? logger = null)
    {
        _logger = logger ?? NullLogger<HostedPostDeployScheduler>.Instance;
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<PostDeployOutcome>> ScheduleAsync(
        ImmutableArray<PostDeployWorkItem> items, IProgress<PostDeployProgress>? progress,
        CancellationToken cancellationToken)
    {
        PostDeployLog.ActionsQueued(_logger, items.Length, "hosted workers");
        return Task.FromResult(items.Select(i => new PostDeployOutcome(i, PostDeployOutcomeKind.Queued)).ToImmutableArray());
    }
}
