namespace Cutover.PostDeploy;

/// <summary>A post-deploy action declared as a class; mark the class with <see cref="PostDeployAttribute"/>.</summary>
/// <remarks>Instances are created per run through the service provider, so constructors may take services.</remarks>
public interface IPostDeployAction
{
    /// <summary>Does the action's work for one tenant.</summary>
    /// <param name="context">The data source, logger, saved cursor and progress reporting of this run.</param>
    /// <param name="cancellationToken">Cancelled when the node shuts down, the claim is lost, or an operator pauses
    /// or cancels the action.</param>
    Task RunAsync(PostDeployContext context, CancellationToken cancellationToken);
}
