using System.Collections.Immutable;
using Cutover.PostDeploy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;

namespace Cutover.Quartz;

/// <summary>Hands requested post-deploy actions to a Quartz.NET scheduler as one <see cref="PostDeployJob"/> per
/// action and tenant, for teams that already run a (clustered) Quartz.</summary>
/// <remarks>Every node of the Quartz cluster that may fire the jobs needs a <see cref="PostDeployExecutor"/>
/// attached with <see cref="AttachExecutor"/>. Quartz
/// decides which node fires a job; Cutover's journal claim still guarantees that an action runs once even if
/// Quartz fires it twice (recovery after a crash, a re-deploy that schedules it again).</remarks>
public sealed class QuartzPostDeployScheduler : IPostDeployScheduler
{
    /// <summary>The Quartz job group of post-deploy jobs.</summary>
    public const string JobGroup = "cutover-post-deploy";

    internal const string ExecutorContextKey = "Cutover.PostDeploy.PostDeployExecutor";
    internal const string ActionIdKey = "actionId";
    internal const string TenantKey = "tenant";

    private readonly IScheduler _scheduler;
    private readonly ILogger _logger;

    /// <summary>Creates the scheduler over a Quartz scheduler (usually with a clustered persistent store).</summary>
    public QuartzPostDeployScheduler(IScheduler scheduler, ILogger<QuartzPostDeployScheduler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        _scheduler = scheduler;
        _logger = logger ?? NullLogger<QuartzPostDeployScheduler>.Instance;
    }

    /// <summary>Lets <see cref="PostDeployJob"/>s fired by <paramref name="scheduler"/> (this node) run actions
    /// through <paramref name="executor"/>, without a dependency-injection container.</summary>
    public static void AttachExecutor(IScheduler scheduler, PostDeployExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(executor);
        scheduler.Context[ExecutorContextKey] = executor;
    }

    /// <inheritdoc/>
    public async Task<ImmutableArray<PostDeployOutcome>> ScheduleAsync(
        ImmutableArray<PostDeployWorkItem> items, IProgress<PostDeployProgress>? progress,
        CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            var key = new JobKey(item.ToString(), JobGroup);
            var job = JobBuilder.Create<PostDeployJob>()
                .WithIdentity(key)
                .WithDescription("Cutover post-deploy action " + item)
                .UsingJobData(ActionIdKey, item.ActionId)
                .UsingJobData(TenantKey, item.Tenant)
                // A node that dies mid-run leaves a firing Quartz recovers on another node; Cutover's claim expiry
                // decides when that node may actually take the action over.
                .RequestRecovery(true)
                .Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(new TriggerKey(item.ToString(), JobGroup))
                .ForJob(key)
                .StartNow()
                .Build();
            // Replacing keeps a re-deploy idempotent: the journal, not Quartz, says whether the action still runs.
            await _scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
        }

        QuartzLog.ActionsQueued(_logger, items.Length, _scheduler.SchedulerName);
        return [.. items.Select(i => new PostDeployOutcome(i, PostDeployOutcomeKind.Queued))];
    }
}
