using Cutover.PostDeploy;

namespace Cutover.Tests.PostDeploy;

/// <summary>Lets a test see (and stall) each batch of <see cref="CountingBackfill"/>; registered per runner.</summary>
public sealed class BackfillHook
{
    public int BatchSize { get; init; } = 1000;

    public Func<BackfillBatch, CancellationToken, Task> OnBatch { get; init; } = (_, _) => Task.CompletedTask;
}
