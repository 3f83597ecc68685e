using Cutover.PostDeploy;
using Hangfire;

namespace Cutover.Hangfire;

/// <summary>Creates <see cref="PostDeployJob"/>s with this server's <see cref="PostDeployExecutor"/> and leaves every
/// other job type to an inner activator: Hangfire without a dependency-injection container.</summary>
/// <remarks>Give it to one server (<c>new BackgroundJobServerOptions { Activator = ... }</c>), or to all of the
/// process's servers with <c>GlobalConfiguration.Configuration.UseActivator(...)</c>. With a container-backed
/// activator (Hangfire.NetCore's <c>AddHangfire</c>) it is not needed: the container builds the job from the
/// registered executor.</remarks>
public sealed class PostDeployJobActivator : JobActivator
{
    private readonly PostDeployExecutor _executor;
    private readonly JobActivator _inner;

    /// <summary>Creates the activator.</summary>
    /// <param name="executor">Runs the actions on this server.</param>
    /// <param name="inner">Creates every other job type; Hangfire's <see cref="JobActivator.Current"/> when null.</param>
    public PostDeployJobActivator(PostDeployExecutor executor, JobActivator? inner = null)
    {
        ArgumentNullException.ThrowIfNull(executor);
        _executor = executor;
        _inner = inner ?? Current;
    }

    /// <inheritdoc/>
    public override object ActivateJob(Type jobType)
    {
        ArgumentNullException.ThrowIfNull(jobType);
        return jobType == typeof(PostDeployJob) ? new PostDeployJob(_executor) : _inner.ActivateJob(jobType);
    }
}
