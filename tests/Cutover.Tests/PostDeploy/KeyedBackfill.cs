using Cutover.PostDeploy;

namespace Cutover.Tests.PostDeploy;

/// <summary>Runs the backfill a test describes in its <see cref="KeyedBackfillSpec"/>: one action for every key shape.</summary>
[PostDeploy(Id, Auto = true, Description = "Backfills the table a test describes")]
public sealed class KeyedBackfill(KeyedBackfillSpec spec) : IPostDeployAction
{
    public const string Id = "2026-11-backfill-keyed";

    public async Task RunAsync(PostDeployContext context, CancellationToken cancellationToken) =>
        spec.Results.Enqueue(await context.BackfillAsync(spec.Options, cancellationToken));
}
