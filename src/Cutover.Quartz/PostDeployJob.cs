using Cutover.PostDeploy;
using Quartz;

namespace Cutover.Quartz;

/// <summary>The Quartz job that runs one post-deploy action for one tenant through this node's
/// <see cref="PostDeployExecutor"/>.</summary>
/// <remarks>The executor comes from the scheduler context (<see cref="QuartzPostDeployScheduler.AttachExecutor"/>),
/// which every node sets for itself: a Quartz cluster shares jobs through its tables, never objects, so each node
/// runs the action with its own data source and code.</remarks>
[DisallowConcurrentExecution]
public sealed class PostDeployJob : IJob
{
    /// <inheritdoc/>
    /// <exception cref="JobExecutionException">No executor is available on this node, or the action failed.</exception>
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var executor = (context.Scheduler.Context.TryGetValue(QuartzPostDeployScheduler.ExecutorContextKey, out var attached)
                ? attached as PostDeployExecutor
                : null)
            ?? throw new JobExecutionException(
                "no PostDeployExecutor on this node: call QuartzPostDeployScheduler.AttachExecutor on every node");
        var data = context.MergedJobDataMap;
        var item = new PostDeployWorkItem(
            data[QuartzPostDeployScheduler.ActionIdKey] as string
                ?? throw new JobExecutionException($"job {context.JobDetail.Key} has no action id"),
            data[QuartzPostDeployScheduler.TenantKey] as string ?? "");
        // A refused claim is waited on for one lease: long enough for a dead node's claim to lapse (Quartz recovers
        // its firing on another node, which then takes the action over from the cursor), not to sit beside a live one.
        var outcome = await executor.RunToEndAsync(
            item, null, executor.Options.Lease + executor.Options.PollInterval, cancellationToken).ConfigureAwait(false);
        switch (outcome.Kind)
        {
            case PostDeployOutcomeKind.Released:
                // Handed back on shutdown: stopping by cancellation lets Quartz recover the firing on another node.
                cancellationToken.ThrowIfCancellationRequested();
                break;
            case PostDeployOutcomeKind.Failed when outcome.RanBy is null:
                // Recorded in the journal already; failing the firing makes it visible in Quartz too. No refire:
                // `cutover deploy --retry-failed` is the way to run it again.
                throw new JobExecutionException($"{item}: {outcome.ErrorSummary}");
        }
    }
}
