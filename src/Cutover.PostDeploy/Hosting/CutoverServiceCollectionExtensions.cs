using Cutover.Execution;
using Cutover.Hosting;
using Cutover.Scripts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

// In the container's namespace, as the .NET convention has it (AddLogging, AddHttpClient, AddNpgsqlDataSource), so
// that AddCutover shows up on IServiceCollection without a using; the types it registers live in Cutover.Hosting.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the application's <see cref="Migrator"/>: <c>services.AddCutover(...)</c>.</summary>
public static class CutoverServiceCollectionExtensions
{
    /// <summary>Registers a singleton <see cref="Migrator"/> configured in code, over the application's
    /// <see cref="NpgsqlDataSource"/>.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets <see cref="CutoverOptions"/>.</param>
    /// <remarks>See the other overload.</remarks>
    public static CutoverBuilder AddCutover(this IServiceCollection services, Action<CutoverOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<CutoverOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>Registers a singleton <see cref="Migrator"/> whose options are bound from
    /// <paramref name="configuration"/>, then changed by <paramref name="configure"/>, over the application's
    /// <see cref="NpgsqlDataSource"/>.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The section to bind, usually
    /// <c>builder.Configuration.GetSection(CutoverOptions.SectionName)</c>: keys <c>ScriptsDirectory</c>,
    /// <c>JournalTable</c>, <c>LockTimeout</c>, <c>LockRetries</c>, <c>DeployLockWait</c>, <c>StatementTimeout</c>, and
    /// the rest of <see cref="CutoverOptions"/>.</param>
    /// <param name="configure">Sets <see cref="CutoverOptions"/> after binding; may be null.</param>
    /// <remarks>
    /// <para>The data source is the container's <see cref="NpgsqlDataSource"/> (keyed by
    /// <see cref="CutoverOptions.DataSourceKey"/> when set): the migrator shares the application's pool rather than
    /// opening a second one. Register it first, e.g. with <c>AddNpgsqlDataSource</c> from Npgsql.DependencyInjection.</para>
    /// <para>The scripts are, first found: a <see cref="MigrationSet"/> registered in the container,
    /// <see cref="CutoverBuilder.UseEmbeddedScripts"/> or <see cref="CutoverBuilder.UseScriptSource"/>,
    /// <see cref="CutoverOptions.ScriptsDirectory"/>. They are read and checked once, when the migrator is first
    /// resolved.</para>
    /// <para>Options are validated when the host starts; a bad value stops it with an
    /// <see cref="OptionsValidationException"/> naming every bad key. Nothing touches the database until the
    /// migrator is used, or the host starts with <see cref="CutoverBuilder.MigrateOnStartup"/>.</para>
    /// <para>One migrator per container; calling this again adds configuration to the same one.</para>
    /// </remarks>
    public static CutoverBuilder AddCutover(
        this IServiceCollection services, IConfiguration configuration, Action<CutoverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // EnableConfigurationBindingGenerator intercepts this Bind with generated code: no reflection to trim away.
        var options = services.AddOptions<CutoverOptions>().Bind(configuration);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddCore(services);
    }

    private static CutoverBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<CutoverOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CutoverOptions>, CutoverOptionsValidator>());
        services.TryAddSingleton(LoadScripts);
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<CutoverOptions>>().Value;
            return new Migrator(
                FindDataSource(provider, options.DataSourceKey),
                provider.GetRequiredService<MigrationSet>(),
                options.ToMigratorOptions(),
                provider.GetService<ILogger<Migrator>>(),
                provider.GetService<TimeProvider>());
        });
        return new CutoverBuilder(services);
    }

    private static NpgsqlDataSource FindDataSource(IServiceProvider provider, string? key)
    {
        var dataSource = key is null
            ? provider.GetService<NpgsqlDataSource>()
            : provider.GetKeyedService<NpgsqlDataSource>(key);
        return dataSource ?? throw new InvalidOperationException(
            (key is null ? "Cutover needs the application's NpgsqlDataSource" : $"Cutover needs the NpgsqlDataSource keyed '{key}'") +
            " (Cutover:DataSourceKey): register it first, e.g. services.AddNpgsqlDataSource(connectionString" +
            (key is null ? ")" : $", serviceKey: \"{key}\")") + " from Npgsql.DependencyInjection");
    }

    private static MigrationSet LoadScripts(IServiceProvider provider)
    {
        var source = provider.GetService<ConfiguredScriptSource>()?.Source;
        if (source is null)
        {
            var options = provider.GetRequiredService<IOptions<CutoverOptions>>().Value;
            if (string.IsNullOrEmpty(options.ScriptsDirectory))
            {
                throw new InvalidOperationException(
                    "Cutover has no scripts: set Cutover:ScriptsDirectory, call UseEmbeddedScripts or UseScriptSource " +
                    "on AddCutover(...), or register a MigrationSet");
            }

            source = new DirectoryScriptSource(options.ScriptsDirectory, options.SchemaPath);
        }

        // A container's factories are synchronous, so this is the one place Cutover waits on a task (STYLE.md says
        // never; here nothing else fits short of an async-initialised migrator every caller must await). Both built-in
        // sources complete synchronously (DirectoryScriptSource reads files synchronously by design, resources are in
        // memory), so it waits on nothing there; a custom asynchronous source blocks one thread, once, at the first
        // resolution. A bad script throws ScriptParseException listing every problem.
        return MigrationSet.LoadAsync(source).GetAwaiter().GetResult();
    }
}
