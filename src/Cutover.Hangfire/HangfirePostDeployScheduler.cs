using System.Collections.Immutable;
using Cutover.PostDeploy;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cutover.Hangfire;

/// <summary>Hands requested post-deploy actions to the application's Hangfire as one <see cref="PostDeployJob"/>
/// per action and tenant, for teams that already run Hangfire servers.</summary>
/// <remarks>Every Hangfire server that may perform the jobs must be able to create a <see cref="PostDeployJob"/>
/// with its own <see cref="PostDeployExecutor"/> (a container-backed activator, or
/// <see cref="PostDeployJobActivator"/>). Hangfire decides which server performs a job; Cutover's journal claim
/// still guarantees that an action runs once even if Hangfire performs it twice (an orphaned job re-fetched after a
/// crash, a re-deploy that enqueues it again), so enqueueing an item twice is harmless. Thread-safe.</remarks>
public sealed class HangfirePostDeployScheduler : IPostDeployScheduler
{
    private readonly IBackgroundJobClient _client;
    private readonly string _queue;
    private readonly ILogger _logger;

    /// <summary>Creates the scheduler over a Hangfire client (usually the application's, from its container).</summary>
    /// <param name="client">Creates the jobs in the application's Hangfire storage.</param>
    /// <param name="queue">The Hangfire queue of the jobs; Hangfire's <c>default</c> queue when null.</param>
    /// <param name="logger">Logs what was queued.</param>
    public HangfirePostDeployScheduler(
        IBackgroundJobClient client, string? queue = null, ILogger<HangfirePostDeployScheduler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _queue = queue ?? EnqueuedState.DefaultQueue;
        _logger = logger ?? NullLogger<HangfirePostDeployScheduler>.Instance;
    }

    /// <inheritdoc/>
    /// <remarks>Hangfire's client is synchronous: each job is one insert into its storage, so the token is only
    /// checked between items.</remarks>
    public Task<ImmutableArray<PostDeployOutcome>> ScheduleAsync(
        ImmutableArray<PostDeployWorkItem> items, IProgress<PostDeployProgress>? progress,
        CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Hangfire replaces a CancellationToken argument with the performing server's shutdown token.
            _client.Create<PostDeployJob>(
                job => job.RunAsync(item.ActionId, item.Tenant, CancellationToken.None), new EnqueuedState(_queue));
        }

        HangfireLog.ActionsQueued(_logger, items.Length, _queue);
        return Task.FromResult(items.Select(i => new PostDeployOutcome(i, PostDeployOutcomeKind.Queued)).ToImmutableArray());
    }
}
