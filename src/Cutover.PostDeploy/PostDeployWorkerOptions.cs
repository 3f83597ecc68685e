namespace Cutover.PostDeploy;

/// <summary>How a <see cref="PostDeployWorker"/> behaves in an application instance.</summary>
public sealed record PostDeployWorkerOptions
{
    /// <summary>Request the pending automatic actions this instance declares when it starts, so that deploying the
    /// new version is enough to run them; true by default. When false, workers only run what a
    /// <c>cutover deploy</c> with <see cref="HostedPostDeployScheduler"/> requests.</summary>
    public bool RequestAutoActions { get; init; } = true;

    /// <summary>Request automatic actions for every tenant the tenant provider lists (when there is one); true by default.</summary>
    public bool AllTenants { get; init; } = true;
}
