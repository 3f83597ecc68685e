using System.Reflection;
using Cutover.Scripts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Cutover.Hosting;

/// <summary>What <c>services.AddCutover(...)</c> returns: where the scripts come from, and whether the host applies
/// the pre phase as it starts.</summary>
public sealed class CutoverBuilder
{
    internal CutoverBuilder(IServiceCollection services) => Services = services;

    /// <summary>The application's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Takes the scripts from <paramref name="source"/> instead of <see cref="CutoverOptions.ScriptsDirectory"/>.
    /// A <see cref="MigrationSet"/> registered in the container still wins over both.</summary>
    public CutoverBuilder UseScriptSource(IScriptSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Services.Replace(ServiceDescriptor.Singleton(new ConfiguredScriptSource(source)));
        return this;
    }

    /// <summary>Takes the scripts from resources embedded in <paramref name="assembly"/>, as a library that ships its
    /// schema in its package does (see <see cref="EmbeddedScriptSource"/> for the <c>EmbeddedResource</c> items).</summary>
    /// <param name="assembly">The assembly holding the resources, e.g. <c>typeof(MyQueue).Assembly</c>.</param>
    /// <param name="migrationsPrefix">The resource-name prefix of migrations.</param>
    /// <param name="schemaResourceName">The resource name of <c>schema.sql</c>, or null for none.</param>
    public CutoverBuilder UseEmbeddedScripts(
        Assembly assembly, string migrationsPrefix = "migrations/", string? schemaResourceName = "schema.sql") =>
        UseScriptSource(new EmbeddedScriptSource(assembly, migrationsPrefix, schemaResourceName));

    /// <summary>Applies the pending pre-migrations while the host starts, under the deploy lock, before any hosted
    /// service starts (the web server included); a failure stops the host from starting.</summary>
    /// <remarks>
    /// <para>The work runs in <see cref="IHostedLifecycleService.StartingAsync"/>, which the host calls for every
    /// lifecycle service before it calls any <see cref="IHostedService.StartAsync"/>: ASP.NET Core registers its
    /// server before the application's services, so a plain <c>StartAsync</c> would run after the server already
    /// listens and serves requests against the old schema. Only another lifecycle service registered earlier, or all
    /// of them with <c>HostOptions.ServicesStartConcurrently</c>, starts its own <c>StartingAsync</c> alongside.</para>
    /// <para>Several replicas starting at once take turns on the deploy lock (waiting up to
    /// <see cref="CutoverOptions.DeployLockWait"/>); the ones after the first find nothing left to do. Stopping the
    /// host (SIGTERM) cancels the run: the running script rolls back and the lock is released. Post-migrations are
    /// never applied here: they belong after every old instance is gone.</para>
    /// <para>A separate step (a Kubernetes Job, an init container, a CI step running
    /// <c>cutover upgrade --phase pre</c>) is usually better; docs/library.md says why.</para>
    /// </remarks>
    public CutoverBuilder MigrateOnStartup()
    {
        // By type, so that calling it twice still runs the pre phase once.
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StartupMigrationService>());
        return this;
    }
}
