using Cutover.PostDeploy;

namespace Cutover.Tests.PostDeploy;

/// <summary>Actions for the runner's operations: one manual, one that fails until told otherwise.</summary>
public sealed class ManualActions
{
    public const string Manual = "2026-11-manual-warm-cache";
    public const string Flaky = "2026-11-flaky-call";

    [PostDeploy(Manual, Description = "Run by an operator")]
    public static Task WarmAsync(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy(Flaky, Auto = true, Description = "Fails on its first attempt")]
    public async Task CallAsync(PostDeployContext context, CancellationToken cancellationToken)
    {
        await Effects.RecordAsync(context, cancellationToken);
        if (context.Attempt == 1)
        {
            throw new InvalidOperationException("the other service said no");
        }
    }
}
