using Cutover.Connections;
using Cutover.Execution;
using Cutover.Journal;
using Cutover.Planning;
using Cutover.Scripts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cutover.Inspection;

/// <summary>Proves that <c>schema.sql</c> and the migrations build the same structure, and that a database is what
/// its journal says: <c>cutover check</c>.</summary>
/// <remarks>Builds what it compares in scratch databases and drops them afterwards; a target database is only read.</remarks>
public sealed class SchemaCheck
{
    private readonly ScratchDatabases _scratch;
    private readonly SchemaCheckOptions _options;
    private readonly ILoggerFactory _loggerFactory;

    /// <summary>Creates a check that builds its databases on <paramref name="scratch"/>.</summary>
    /// <param name="scratch">A server to make scratch databases on, as a role that may create databases: a scratch
    /// server of its own, or a throwaway one (<c>ThrowawayServer.DatabaseServer</c> in Cutover.Testing); never a
    /// production server.</param>
    /// <param name="options">What to compare and how; defaults when null.</param>
    /// <param name="loggerFactory">Creates the loggers of the migrators and inspectors it runs; none when null.</param>
    public SchemaCheck(DatabaseServer scratch, SchemaCheckOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        _scratch = new ScratchDatabases(scratch);
        _options = options ?? new SchemaCheckOptions();
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>Installs <c>schema.sql</c> in one scratch database, applies every migration in another, and compares
    /// them (left: schema.sql, right: migrations).</summary>
    /// <exception cref="ScriptParseException">There is no schema.sql.</exception>
    /// <exception cref="ScriptExecutionException">schema.sql or a migration failed.</exception>
    /// <exception cref="DatabaseUnavailableException">The scratch server cannot be reached.</exception>
    public async Task<SchemaComparison> CompareInstallWithUpgradeAsync(
        MigrationSet scripts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        var installed = await _scratch.CreateAsync("schema", cancellationToken).ConfigureAwait(false);
        await using (installed.ConfigureAwait(false))
        {
            var upgraded = await _scratch.CreateAsync("migrations", cancellationToken).ConfigureAwait(false);
            await using (upgraded.ConfigureAwait(false))
            {
                await Migrator(installed.DataSource, scripts).InstallAsync(cancellationToken).ConfigureAwait(false);
                await Migrator(upgraded.DataSource, scripts).UpgradeAsync(
                    new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All) }, cancellationToken).ConfigureAwait(false);
                return await CompareDatabasesAsync(installed.DataSource, upgraded.DataSource, "schema.sql", "migrations",
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Drift detection: replays, in a scratch database, exactly the migrations <paramref name="target"/>'s
    /// journal records, and compares (left: expected from the journal, right: the target). Read-only on the
    /// target.</summary>
    /// <exception cref="DatabaseUnavailableException">The target or the scratch server cannot be reached.</exception>
    public async Task<SchemaComparison> CompareWithJournalAsync(
        MigrationSet scripts, NpgsqlDataSource target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(target);
        var journal = new JournalTable(_options.JournalTable);
        var connection = await DatabaseConnection.OpenAsync(target, cancellationToken).ConfigureAwait(false);
        IReadOnlyCollection<string> recorded;
        var options = _options;
        await using (connection.ConfigureAwait(false))
        {
            var rows = await journal.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
            recorded = rows.Where(r => r.State == JournalState.Succeeded).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
            if (rows.Any(r => r.Kind == JournalEntryKind.Adopted))
            {
                // The history Cutover adopted stays behind, as adopt leaves it: bookkeeping, not drift.
                var (tables, schemas) = await Adoption.HistoryTableColumns.FindHistoriesAsync(connection, cancellationToken)
                    .ConfigureAwait(false);
                options = options with
                {
                    Inspection = options.Inspection with
                    {
                        ExcludedTables = [.. options.Inspection.ExcludedTables, .. tables.Select(t => t.Table.ToString())],
                        ExcludedSchemas = [.. options.Inspection.ExcludedSchemas, .. schemas],
                    },
                };
            }
        }

        var expected = await _scratch.CreateAsync("expected", cancellationToken).ConfigureAwait(false);
        await using (expected.ConfigureAwait(false))
        {
            var replay = scripts.Where(s => recorded.Contains(s.Name.Name));
            await Migrator(expected.DataSource, replay).UpgradeAsync(
                new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All, AllowOutOfOrder: true) }, cancellationToken)
                .ConfigureAwait(false);
            return await CompareDatabasesAsync(expected.DataSource, target, "expected from the journal", "database",
                options, _loggerFactory, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Inspects two live databases and compares them: <c>cutover diff</c>. Read-only on both.</summary>
    /// <exception cref="DatabaseUnavailableException">Either database cannot be reached.</exception>
    public Task<SchemaComparison> CompareDatabasesAsync(
        NpgsqlDataSource left, NpgsqlDataSource right, string leftName, string rightName,
        CancellationToken cancellationToken = default) =>
        CompareDatabasesAsync(left, right, leftName, rightName, _options, _loggerFactory, cancellationToken);

    /// <summary>Inspects two live databases and compares them, with no scratch server needed.</summary>
    /// <exception cref="DatabaseUnavailableException">Either database cannot be reached.</exception>
    public static async Task<SchemaComparison> CompareDatabasesAsync(
        NpgsqlDataSource left, NpgsqlDataSource right, string leftName, string rightName, SchemaCheckOptions? options,
        ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        options ??= new SchemaCheckOptions();
        loggerFactory ??= NullLoggerFactory.Instance;
        var inspector = new SchemaInspector(options.Inspection, loggerFactory.CreateLogger<SchemaInspector>());
        var leftModel = inspector.InspectAsync(left, cancellationToken);
        var rightModel = inspector.InspectAsync(right, cancellationToken);
        await Task.WhenAll(leftModel, rightModel).ConfigureAwait(false);
        return new SchemaComparer(options.Comparison, loggerFactory.CreateLogger<SchemaComparer>())
            .Compare(await leftModel.ConfigureAwait(false), await rightModel.ConfigureAwait(false), leftName, rightName);
    }

    private Migrator Migrator(NpgsqlDataSource dataSource, MigrationSet scripts) =>
        new(dataSource, scripts,
            new MigratorOptions
            {
                JournalTable = _options.JournalTable, CreateMissingJournalSchema = true, DefaultSchema = _options.DefaultSchema,
            },
            _loggerFactory.CreateLogger<Migrator>());
}
