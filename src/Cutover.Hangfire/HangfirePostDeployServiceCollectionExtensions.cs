using Cutover.PostDeploy;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Cutover.Hangfire;

/// <summary>Registers the Hangfire scheduler and job, beside <see cref="PostDeployServiceCollectionExtensions.AddCutoverPostDeploy"/>.</summary>
public static class HangfirePostDeployServiceCollectionExtensions
{
    /// <summary>Makes <see cref="HangfirePostDeployScheduler"/> the <see cref="IPostDeployScheduler"/> (so the
    /// registered <see cref="PostDeployRunner"/> enqueues Hangfire jobs) and registers <see cref="PostDeployJob"/>
    /// for container-backed job activators.</summary>
    /// <param name="services">The application's services; they must provide an <see cref="IBackgroundJobClient"/>
    /// (Hangfire.NetCore's and Hangfire.AspNetCore's <c>AddHangfire</c> do) and, for the job, what
    /// <see cref="PostDeployServiceCollectionExtensions.AddCutoverPostDeploy"/> registers.</param>
    /// <param name="queue">The Hangfire queue of the jobs; Hangfire's <c>default</c> queue when null.</param>
    public static IServiceCollection AddCutoverHangfireScheduler(this IServiceCollection services, string? queue = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IPostDeployScheduler>(provider => new HangfirePostDeployScheduler(
            provider.GetRequiredService<IBackgroundJobClient>(),
            queue,
            provider.GetService<ILogger<HangfirePostDeployScheduler>>()));
        services.TryAddTransient(provider => new PostDeployJob(
            provider.GetRequiredService<PostDeployExecutor>(),
            provider.GetService<ILogger<PostDeployJob>>()));
        return services;
    }
}
