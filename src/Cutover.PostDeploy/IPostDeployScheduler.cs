using System.Collections.Immutable;

namespace Cutover.PostDeploy;

/// <summary>Decides where requested post-deploy actions run: in this process, in the application's hosted
/// workers, or in a Quartz.NET cluster.</summary>
/// <remarks>When <see cref="ScheduleAsync"/> is called the items' journal rows are already pending and requested,
/// so a scheduler only has to get <see cref="PostDeployExecutor.ExecuteAsync"/> (or
/// <see cref="PostDeployExecutor.ExecuteNextAsync"/>) called on some node; the journal's claim makes a second call
/// for the same item harmless.</remarks>
public interface IPostDeployScheduler
{
    /// <summary>Runs or hands off the items, in order.</summary>
    /// <param name="items">The actions and tenants to run, in id order.</param>
    /// <param name="progress">Progress of actions run in this process.</param>
    /// <param name="cancellationToken">Cancels scheduling (and, inline, the running action).</param>
    /// <returns>One outcome per item: final for inline runs, <see cref="PostDeployOutcomeKind.Queued"/> for
    /// hand-offs.</returns>
    Task<ImmutableArray<PostDeployOutcome>> ScheduleAsync(
        ImmutableArray<PostDeployWorkItem> items, IProgress<PostDeployProgress>? progress,
        CancellationToken cancellationToken);
}
