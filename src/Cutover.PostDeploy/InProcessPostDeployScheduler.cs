using System.Collections.Immutable;

namespace Cutover.PostDeploy;

/// <summary>Runs actions one after another in this process (the default; <c>cutover deploy</c> itself).</summary>
/// <remarks>A failed action is recorded and the next one still runs; the result says which failed. An action another
/// node holds is waited for (<see cref="PostDeployExecutor.RunToEndAsync"/>), never passed over in silence.</remarks>
internal sealed class InProcessPostDeployScheduler : IPostDeployScheduler
{
    private readonly PostDeployExecutor _executor;

    /// <summary>Creates the scheduler over <paramref name="executor"/>.</summary>
    public InProcessPostDeployScheduler(PostDeployExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(executor);
        _executor = executor;
    }

    /// <inheritdoc/>
    public async Task<ImmutableArray<PostDeployOutcome>> ScheduleAsync(
        ImmutableArray<PostDeployWorkItem> items, IProgress<PostDeployProgress>? progress,
        CancellationToken cancellationToken)
    {
        var outcomes = ImmutableArray.CreateBuilder<PostDeployOutcome>(items.Length);
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            outcomes.Add(await _executor.RunToEndAsync(item, progress, null, cancellationToken).ConfigureAwait(false));
        }

        return outcomes.MoveToImmutable();
    }
}
