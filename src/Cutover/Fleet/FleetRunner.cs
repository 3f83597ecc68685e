using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Cutover.Connections;
using Cutover.Execution;
using Cutover.Scripts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cutover.Fleet;

/// <summary>Migrates a fleet of databases and tenant schemas named in a fleet file: in waves, within a failure
/// budget, resumable from its run ledger, spread over processes by shards or by joining a run
/// (<c>cutover fleet</c>).</summary>
/// <remarks>Holds one connection pool per database (the schemas of one database share it), opened as targets need
/// them and closed when their last target ends. Each target is migrated by a <see cref="Migrator"/> of its own, so
/// each keeps its own journal and deploy lock: a fleet run and a plain <c>cutover upgrade</c> of one target take
/// turns. Dispose it to close the pools. One operation at a time.</remarks>
public sealed partial class FleetRunner : IAsyncDisposable
{
    private readonly FleetFile _file;
    private readonly MigrationSet _scripts;
    private readonly FleetOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly FleetDataSources _pools;
    private readonly DataSourceFactory _factory;
    private readonly FleetInventory _inventory;

    private FleetRunner(
        FleetFile file, MigrationSet scripts, FleetOptions options, ILoggerFactory loggerFactory, TimeProvider time)
    {
        _file = file;
        _scripts = scripts;
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<FleetRunner>();
        _time = time;
        _factory = new DataSourceFactory(loggerFactory.CreateLogger<DataSourceFactory>());

        // A target in flight holds a script connection and a deploy-lock connection; a pool serves at most all of
        // them at once (the schemas of one database).
        _pools = new FleetDataSources(_factory, 2 * options.Parallel);
        _inventory = new FleetInventory(file, new ConnectionResolver(loggerFactory.CreateLogger<ConnectionResolver>()),
            options.Environment ?? EnvironmentSnapshot.Capture(), _pools);
    }

    /// <summary>How many connection pools the runner created so far: one per database it reached.</summary>
    public int PoolsCreated => _pools.Created;

    /// <summary>Reads and checks the fleet file at <paramref name="fleetFile"/>; connects to nothing yet.</summary>
    /// <param name="fleetFile">The fleet file (YAML or JSON).</param>
    /// <param name="scripts">The migrations every target gets.</param>
    /// <param name="options">How targets are reached and migrated; defaults when null.</param>
    /// <param name="loggerFactory">Creates the loggers of the runner and its migrators; none when null.</param>
    /// <param name="timeProvider">The clock; the system's when null.</param>
    /// <param name="cancellationToken">Cancels reading the file.</param>
    /// <exception cref="FleetFileException">The file cannot be read or is not a valid fleet file.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static async Task<FleetRunner> OpenAsync(
        string fleetFile, MigrationSet scripts, FleetOptions? options = null, ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fleetFile);
        ArgumentNullException.ThrowIfNull(scripts);
        options ??= new FleetOptions();
        options.Validate();
        var file = await FleetFile.LoadAsync(fleetFile, cancellationToken).ConfigureAwait(false);
        return new FleetRunner(file, scripts, options, loggerFactory ?? NullLoggerFactory.Instance,
            timeProvider ?? TimeProvider.System);
    }

    /// <summary>Closes every pool.</summary>
    public ValueTask DisposeAsync() => _pools.DisposeAsync();

    private async Task<(ImmutableArray<FleetTarget> Targets, NpgsqlDataSource Control)> ExpandAsync(
        CancellationToken cancellationToken)
    {
        var targets = await _inventory.ExpandAsync(cancellationToken).ConfigureAwait(false);
        if (targets.IsEmpty)
        {
            throw new FleetFileException(_file.Path,
                [new FleetFileProblem(1, 1, "targets", "the file's entries name no target (the queries returned no rows)")]);
        }

        var control = await _inventory.ResolveControlAsync(targets, cancellationToken).ConfigureAwait(false);
        control.MaxPoolSize = Math.Clamp(_options.Parallel, 2, 4);
        return (targets, _factory.CreateFromSettings(control, null));
    }

    private Migrator MigratorFor(FleetTarget target, NpgsqlDataSource dataSource) =>
        new(dataSource, _scripts,
            _options.Migrator with
            {
                JournalTable = target.JournalFor(_options.Migrator.JournalTable),
                DefaultSchema = target.Schema,
            },
            _loggerFactory.CreateLogger<Migrator>(), _time);

    /// <summary>Identifies "the same command": the same targets, scripts, phase and run options.</summary>
    private string Fingerprint(ImmutableArray<FleetTarget> targets, FleetUpgradeOptions options, string? select)
    {
        var text = new StringBuilder()
            .Append("phase=").Append(FleetLedger.FormatPhase(options.Phase)).Append('\n')
            .Append("waves=").Append(options.Waves.Text).Append('\n')
            .Append("budget=").Append(options.Budget?.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n')
            .Append("select=").Append(select).Append('\n')
            .Append("shard=").Append(options.Shard?.ToString()).Append('\n')
            .Append("journal=").Append(_options.Migrator.JournalTable).Append('\n');
        foreach (var target in targets)
        {
            text.Append("target=").Append(target.Name).Append('\n');
        }

        foreach (var script in _scripts.Scripts)
        {
            text.Append("script=").Append(script.Name.Name).Append(' ').Append(script.Checksum).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
