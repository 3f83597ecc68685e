using Cutover.PostDeploy;

namespace Cutover.Tests.PostDeploy;

/// <summary>Twenty automatic actions whose only effect is a row in <c>effects</c>, to count how often each ran.</summary>
public static class CountedActions
{
    [PostDeploy("counted-01", Auto = true, Description = "Counted action 1")]
    public static Task Counted01(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy("counted-02", Auto = true, Description = "Counted action 2")]
    public static Task Counted02(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy("counted-03", Auto = true, Description = "Counted action 3")]
    public static Task Counted03(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy("counted-04", Auto = true, Description = "Counted action 4")]
    public static Task Counted04(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy("counted-05", Auto = true, Description = "Counted action 5")]
    public static Task Counted05(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy("counted-06", Auto = true, Description = "Counted action 6")]
    public static Task Counted06(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy("counted-07", Auto = true, Description = "Counted action 7")]
    public static Task Counted07(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy("counted-08", Auto = true, Description = "Counted action 8")]
    public static Task Counted08(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy("counted-09", Auto = true, Description = "Counted action 9")]
    public static Task Counted09(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy("counted-10", Auto = true, Description = "Counted action 10")]
    public static Task Counted10(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy("counted-11", Auto = true, Description = "Counted action 11")]
    public static Task Counted11(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy("counted-12", Auto = true, Description = "Counted action 12")]
    public static Task Counted12(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy("counted-13", Auto = true, Description = "Counted action 13")]
    public static Task Counted13(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy("counted-14", Auto = true, Description = "Counted action 14")]
    public static Task Counted14(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy("counted-15", Auto = true, Description = "Counted action 15")]
    public static Task Counted15(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy("counted-16", Auto = true, Description = "Counted action 16")]
    public static Task Counted16(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy("counted-17", Auto = true, Description = "Counted action 17")]
    public static Task Counted17(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy("counted-18", Auto = true, Description = "Counted action 18")]
    public static Task Counted18(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy("counted-19", Auto = true, Description = "Counted action 19")]
    public static Task Counted19(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);

    [PostDeploy("counted-20", Auto = true, Description = "Counted action 20")]
    public static Task Counted20(PostDeployContext context, CancellationToken cancellationToken) =>
        Effects.RecordAsync(context, cancellationToken);
}
