namespace Cutover.PostDeploy;

/// <summary>The provider used when the caller has no container: actions then need constructors it can satisfy
/// (parameterless, or only <see cref="PostDeployContext"/> and <see cref="CancellationToken"/> for methods).</summary>
internal sealed class EmptyServiceProvider : IServiceProvider
{
    public object? GetService(Type serviceType) => null;
}
