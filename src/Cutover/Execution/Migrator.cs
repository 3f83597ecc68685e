using Cutover.Connections;
using Cutover.Journal;
using Cutover.Planning;
using Cutover.Scripts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cutover.Execution;

/// <summary>Applies a migration set to one database in blue-green phases, and reports where the database stands.</summary>
/// <remarks>Every operation that writes takes the deploy lock first, so concurrent runs (several deployers, several
/// pods) take turns and apply each script exactly once. Each script runs in one transaction together with its journal
/// row, unless it opts out with <c>-- cutover:no-transaction</c>. A migrator is safe to share between threads: it holds
/// no state between calls.</remarks>
public sealed partial class Migrator
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly MigratorOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly JournalTable _journal;

    /// <summary>Creates a migrator for <paramref name="scripts"/> against the database of
    /// <paramref name="dataSource"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public Migrator(
        NpgsqlDataSource dataSource,
        MigrationSet scripts,
        MigratorOptions? options = null,
        ILogger<Migrator>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(scripts);
        _dataSource = dataSource;
        Scripts = scripts;
        _options = options ?? new MigratorOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger<Migrator>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _journal = new JournalTable(_options.JournalTable, _options.CreateMissingJournalSchema);
    }

    /// <summary>The migration set this migrator applies.</summary>
    public MigrationSet Scripts { get; }

    /// <summary>Where the database stands: every script's state, what each phase would apply next, and drift.</summary>
    /// <exception cref="JournalSchemaNotFoundException">The journal's schema does not exist.</exception>
    /// <exception cref="DatabaseUnavailableException">The database cannot be reached.</exception>
    public async Task<MigrationStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var read = await _journal.ReadIfExistsAsync(connection, cancellationToken).ConfigureAwait(false);
            var exists = read is not null;
            if (!exists)
            {
                // Say so instead of "nothing applied yet" when not even the journal's schema exists.
                await _journal.ThrowIfSchemaMissingAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            var rows = read ?? [];
            var runInProgress = false;
            if (rows.Any(r => r.State == JournalState.Running))
            {
                // Whether a 'running' row is live or left by a dead run depends on whether anyone holds the lock.
                runInProgress = await DeployLock.FindHolderAsync(connection, LockKey, cancellationToken)
                    .ConfigureAwait(false) is not null;
            }

            return StatusBuilder.Build(Scripts, rows, exists, runInProgress);
        }
    }

    /// <summary>Checks that every recorded script still has its file, with the recorded checksum, and that no
    /// no-transaction script is left failed or interrupted. Read-only.</summary>
    /// <exception cref="JournalSchemaNotFoundException">The journal's schema does not exist.</exception>
    /// <exception cref="DatabaseUnavailableException">The database cannot be reached.</exception>
    public async Task<ValidationResult> ValidateAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await _journal.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
            var findings = Planner.FindDrift(Scripts, rows).Where(f => f.Kind != DriftKind.OutOfOrder).ToList();

            // A succeeded no-transaction script whose index is INVALID (applied by hand, or by a version of Cutover
            // that did not check) leaves the database short of an index that everything says is there.
            var builders = rows.Where(r => r.State == JournalState.Succeeded)
                .Select(r => Scripts.Find(r.Name))
                .OfType<MigrationScript>()
                .Where(s => !s.RunsInTransaction)
                .Select(s => (s.Name.Name, Footprint: IndexFootprint.Of(s.Body)))
                .Where(b => !b.Footprint.IsEmpty)
                .ToList();
            if (builders.Count > 0)
            {
                // One catalog read for all of them.
                var invalid = await InvalidIndex.FindAllAsync(connection, cancellationToken).ConfigureAwait(false);
                foreach (var (name, footprint) in builders)
                {
                    var covered = invalid.Where(footprint.Covers).Select(i => i.QualifiedName).ToList();
                    if (covered.Count > 0)
                    {
                        findings.Add(new DriftFinding(name, DriftKind.InvalidIndex,
                            $"index {string.Join(", ", covered)} is INVALID: drop it (DROP INDEX CONCURRENTLY) and build " +
                            "it again"));
                    }
                }
            }

            return new ValidationResult(rows.Length, [.. findings]);
        }
    }

    private string LockKey => "cutover:" + _options.JournalTable;

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await DatabaseConnection.OpenAsync(_dataSource, cancellationToken).ConfigureAwait(false);
        connection.Notice += (_, args) =>
            ExecutionLog.ServerNotice(_logger, connection.Database, args.Notice.Severity, args.Notice.MessageText);
        // If this process dies mid-script, the server would otherwise run the statement to its end while still
        // holding the deploy lock and the script's locks; with client_connection_check_interval it notices the dead
        // client within a second. The search_path of a schema target travels in the same round trip.
        var settings = new List<string>(2);
        if (connection.PostgreSqlVersion.Major >= 14)
        {
            settings.Add("set_config('client_connection_check_interval', '1000', false)");
        }

        if (_options.DefaultSchema is not null)
        {
            settings.Add("set_config('search_path', $1, false)");
        }

        if (settings.Count > 0)
        {
            var command = new NpgsqlCommand("SELECT " + string.Join(", ", settings), connection);
            await using (command.ConfigureAwait(false))
            {
                if (_options.DefaultSchema is { } schema)
                {
                    command.Parameters.Add(new NpgsqlParameter<string>
                    {
                        TypedValue = SqlIdentifier.Quote(schema) + ", public",
                    });
                }

                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return connection;
    }

    private static string AppliedBy(NpgsqlConnection connection) => connection.UserName + "@" + Environment.MachineName;

    /// <summary>Takes the deploy lock on a connection of its own (see <see cref="DeployLock"/> for why).</summary>
    private async Task<DeployLock> LockAsync(CancellationToken cancellationToken) =>
        await DeployLock.AcquireAsync(OpenAsync, LockKey, _options.DeployLockWait, _time, _logger, cancellationToken)
            .ConfigureAwait(false);

    private async Task EnsureJournalAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (await _journal.EnsureCreatedAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            ExecutionLog.JournalCreated(_logger, _options.JournalTable);
        }
    }
}
