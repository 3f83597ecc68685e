namespace Cutover.PostDeploy;

/// <summary>What a deploy should run: the <c>cutover deploy</c> options as one value.</summary>
public sealed record PostDeployRequest
{
    /// <summary>Which actions; <see cref="PostDeployMode.Auto"/> by default.</summary>
    public PostDeployMode Mode { get; init; } = PostDeployMode.Auto;

    /// <summary>The action for <see cref="PostDeployMode.One"/> and <see cref="PostDeployMode.Once"/>.</summary>
    public string? ActionId { get; init; }

    /// <summary><c>--stage</c>: with <see cref="PostDeployMode.Auto"/>, <see cref="PostDeployMode.All"/> and
    /// <see cref="PostDeployMode.RetryFailed"/>, only the actions of this stage (between the phases:
    /// <see cref="PostDeployStage.BeforePost"/>); null for every stage.</summary>
    public PostDeployStage? Stage { get; init; }

    /// <summary><c>--tenant</c>: run for this tenant only.</summary>
    public string? Tenant { get; init; }

    /// <summary><c>--all-tenants</c>: run for every tenant the tenant provider lists.</summary>
    public bool AllTenants { get; init; }

    /// <summary>When the scheduler runs actions elsewhere (hosted workers, Quartz), wait until every requested action
    /// reaches a final state and report those states; true by default. Inline runs always finish first.</summary>
    public bool WaitForCompletion { get; init; } = true;

    internal static PostDeployRequest For(PostDeployMode mode, string? actionId = null) =>
        new() { Mode = mode, ActionId = actionId };
}
