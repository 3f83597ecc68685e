using Cutover.PostDeploy;

namespace Cutover.Tests.PostDeploy;

/// <summary>Actions of releases 01.00.00, 02.00.00 and 03.00.00, one without a release, and one before-post action of
/// 03.00.00: what a database installed at release 02.00.00 needs and does not.</summary>
public static class ReleasedActions
{
    public const string OfRelease1 = "2026-01-fix-release-1";
    public const string OfRelease2 = "2026-02-fix-release-2";
    public const string OfRelease3 = "2026-03-fix-release-3";
    public const string WithoutRelease = "2026-04-warm-cache";
    public const string BeforePostOfRelease3 = "2026-05-backfill-release-3";
    public const string BeforePostOfRelease2 = "2026-06-backfill-release-2";

    [PostDeploy(OfRelease1, Auto = true, Release = "01.00.00")]
    public static Task Release1Async(PostDeployContext context, CancellationToken ct) => Effects.RecordAsync(context, ct);

    [PostDeploy(OfRelease2, Auto = true, Release = "2.0")]
    public static Task Release2Async(PostDeployContext context, CancellationToken ct) => Effects.RecordAsync(context, ct);

    [PostDeploy(OfRelease3, Auto = true, Release = "03.00.00")]
    public static Task Release3Async(PostDeployContext context, CancellationToken ct) => Effects.RecordAsync(context, ct);

    [PostDeploy(WithoutRelease, Auto = true)]
    public static Task WarmAsync(PostDeployContext context, CancellationToken ct) => Effects.RecordAsync(context, ct);

    [PostDeploy(BeforePostOfRelease3, Stage = PostDeployStage.BeforePost, Release = "03.00.00")]
    public static Task BackfillAsync(PostDeployContext context, CancellationToken ct) => Effects.RecordAsync(context, ct);

    [PostDeploy(BeforePostOfRelease2, Stage = PostDeployStage.BeforePost, Release = "02.00.00")]
    public static Task OldBackfillAsync(PostDeployContext context, CancellationToken ct) => Effects.RecordAsync(context, ct);
}
