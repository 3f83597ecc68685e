using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.PostDeploy;

/// <summary>Registers post-deploy actions, their executor and runner, and the hosted worker.</summary>
public static class PostDeployServiceCollectionExtensions
{
    /// <summary>Registers the catalog, a <see cref="PostDeployExecutor"/> and a <see cref="PostDeployRunner"/> as
    /// singletons. The container must provide the <see cref="NpgsqlDataSource"/> that holds the journal; it may
    /// provide an <see cref="IPostDeployTenantProvider"/>, an <see cref="IPostDeployScheduler"/>, a
    /// <see cref="TimeProvider"/> and logging.</summary>
    public static IServiceCollection AddCutoverPostDeploy(
        this IServiceCollection services, PostDeployCatalog catalog, PostDeployOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(catalog);
        options ??= new PostDeployOptions();
        options.Validate();
        services.TryAddSingleton(catalog);
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new PostDeployExecutor(
            provider.GetRequiredService<NpgsqlDataSource>(),
            provider.GetRequiredService<PostDeployCatalog>(),
            provider.GetRequiredService<PostDeployOptions>(),
            provider,
            provider.GetService<IPostDeployTenantProvider>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<ILoggerFactory>()));
        services.TryAddSingleton(provider => new PostDeployRunner(
            provider.GetRequiredService<PostDeployExecutor>(),
            provider.GetService<IPostDeployScheduler>(),
            provider.GetService<ILogger<PostDeployRunner>>()));
        return services;
    }

    /// <summary>Adds a <see cref="PostDeployWorker"/> hosted service, so this application instance claims and runs
    /// requested post-deploy actions. Call <see cref="AddCutoverPostDeploy"/> too.</summary>
    public static IServiceCollection AddCutoverPostDeployWorker(
        this IServiceCollection services, PostDeployWorkerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(options ?? new PostDeployWorkerOptions());
        services.AddHostedService(provider => new PostDeployWorker(
            provider.GetRequiredService<PostDeployExecutor>(),
            provider.GetRequiredService<PostDeployWorkerOptions>(),
            provider.GetService<ILogger<PostDeployWorker>>()));
        return services;
    }
}
