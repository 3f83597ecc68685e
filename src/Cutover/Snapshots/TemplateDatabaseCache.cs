using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Cutover.Connections;
using Cutover.Execution;
using Cutover.Journal;
using Cutover.Planning;
using Cutover.Scripts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cutover.Snapshots;

/// <summary>Snapshots of a migration set as template databases on one server (<c>cutover_tpl_KEY</c>), built once and
/// cloned in milliseconds with <c>CREATE DATABASE ... TEMPLATE</c>.</summary>
/// <remarks>
/// <para>A miss builds the snapshot under a session advisory lock on its key, held on the maintenance connection, so
/// concurrent callers (threads, processes, CI jobs sharing a server) build it once: the others wait, then find it. A
/// build restores from the file store when <see cref="SnapshotOptions.StoreDirectory"/> has the key, else clones the
/// snapshot holding the longest prefix of the wanted migrations and applies only the rest, else replays (or installs)
/// from scratch. It happens in <c>cutover_bld_KEY</c>, renamed to the template name in the same transaction that marks
/// it a template, so a template's name appearing means it is complete.</para>
/// <para>Each template carries a JSON manifest as its database comment (what it holds, when it was built), so prefix
/// matching and pruning read <c>pg_database</c> only. Templates refuse connections (<c>ALLOW_CONNECTIONS false</c>),
/// because a connected template cannot be cloned.</para>
/// <para>Thread-safe: the cache holds no state between calls.</para>
/// </remarks>
public sealed partial class TemplateDatabaseCache
{
    private const string BuildPrefix = "cutover_bld_";
    private const string ClonePrefix = "cutover_clone_";

    // How many clones CloneAsync makes at once. On 2 cores, 8 FILE_COPY clones of one template took about 0.6x the
    // sequential time with 4 at once, and no less with 8 (docs/benchmarks.md); each costs a server process.
    private const int ConcurrentClones = 4;

    private readonly NpgsqlDataSource _maintenance;
    private readonly DatabaseServer _server;
    private readonly SnapshotOptions _options;
    private readonly ILogger _logger;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly TimeProvider _time;

    /// <summary>Creates a cache on the server of <paramref name="maintenance"/>, a data source for a database that is
    /// not a template (<c>postgres</c>, typically) as a role allowed to create databases.</summary>
    /// <remarks>Builds, clones and <c>pg_dump</c> reach the server with <paramref name="maintenance"/>'s settings
    /// but not its password, which a data source does not give back: Npgsql and libpq find it in
    /// <c>PGPASSWORD</c> or the password file.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public TemplateDatabaseCache(
        NpgsqlDataSource maintenance,
        SnapshotOptions? options = null,
        ILogger<TemplateDatabaseCache>? logger = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
        : this(maintenance, DatabaseServer.Behind(maintenance, UseLoggerFactory(loggerFactory)), options, logger,
            timeProvider, loggerFactory)
    {
    }

    /// <summary>Creates a cache on <paramref name="server"/>, which reaches builds and clones with its settings,
    /// password included (<see cref="DatabaseServer.Of"/>).</summary>
    /// <param name="maintenance">A data source for the server's maintenance database
    /// (<see cref="DatabaseServer.Database"/>), typically <c>server.CreateDataSource(server.Database)</c>; the caller
    /// disposes it.</param>
    /// <param name="server">The same server, as a role allowed to create databases.</param>
    /// <param name="options">Where snapshots are stored, how they are cloned, how migrations run; defaults when
    /// null.</param>
    /// <param name="logger">Logs hits, builds, clones and drops; nothing when null.</param>
    /// <param name="timeProvider">The clock for elapsed times and manifests; the system clock when null.</param>
    /// <param name="loggerFactory">Creates the loggers of the migrators that build snapshots; none when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public TemplateDatabaseCache(
        NpgsqlDataSource maintenance,
        DatabaseServer server,
        SnapshotOptions? options = null,
        ILogger<TemplateDatabaseCache>? logger = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(maintenance);
        ArgumentNullException.ThrowIfNull(server);
        _maintenance = maintenance;
        _server = server;
        _options = options ?? new SnapshotOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger<TemplateDatabaseCache>.Instance;
        _loggerFactory = loggerFactory;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Reads the facts a snapshot key depends on besides the scripts.</summary>
    /// <exception cref="DatabaseUnavailableException">The server cannot be reached.</exception>
    public async Task<ServerFacts> GetServerFactsAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadFactsAsync(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Computes the key <paramref name="request"/> has on this server.</summary>
    /// <exception cref="DatabaseUnavailableException">The server cannot be reached.</exception>
    public async Task<SnapshotKey> ComputeKeyAsync(
        MigrationSet scripts, SnapshotRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var facts = await GetServerFactsAsync(cancellationToken).ConfigureAwait(false);
        return SnapshotKey.Compute(scripts, request, facts);
    }

    /// <summary>Returns the snapshot of <paramref name="request"/>, building it when the server does not have it.</summary>
    /// <exception cref="ArgumentException"><see cref="SnapshotBuild.Install"/> was asked for a partial stage.</exception>
    /// <exception cref="ScriptParseException">An install was asked for a set without <c>schema.sql</c>.</exception>
    /// <exception cref="ScriptExecutionException">A migration failed while building; no template was made.</exception>
    /// <exception cref="SnapshotException"><c>pg_dump</c> or <c>pg_restore</c> failed.</exception>
    /// <exception cref="DatabaseUnavailableException">The server cannot be reached.</exception>
    public async Task<Snapshot> EnsureAsync(
        MigrationSet scripts, SnapshotRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var started = _time.GetTimestamp();
        var count = request.Stage.CountIn(scripts);
        var stageText = request.Stage.ToString();
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var facts = await ReadFactsAsync(connection, cancellationToken).ConfigureAwait(false);
            var key = SnapshotKey.Compute(scripts, request, facts);
            if (await SizeOfAsync(connection, key.TemplateName, cancellationToken).ConfigureAwait(false) is { } size)
            {
                SnapshotsLog.SnapshotHit(_logger, key.TemplateName, stageText);
                return new Snapshot(key, key.TemplateName, request.Stage, count, SnapshotOrigin.Cached, 0, size,
                    _time.GetElapsedTime(started));
            }

            var lockId = LockIdFor(key.Short);
            if (!await TryAdvisoryLockAsync(connection, lockId, cancellationToken).ConfigureAwait(false))
            {
                SnapshotsLog.SnapshotWaiting(_logger, key.TemplateName);
                await ExecuteAsync(connection, "SELECT pg_advisory_lock($1)", cancellationToken, lockId).ConfigureAwait(false);
            }

            try
            {
                // Whoever held the lock may have built it meanwhile.
                if (await SizeOfAsync(connection, key.TemplateName, cancellationToken).ConfigureAwait(false) is { } built)
                {
                    SnapshotsLog.SnapshotHit(_logger, key.TemplateName, stageText);
                    return new Snapshot(key, key.TemplateName, request.Stage, count, SnapshotOrigin.Cached, 0, built,
                        _time.GetElapsedTime(started));
                }

                var (origin, applied) = await BuildAsync(connection, scripts, request, key, facts, cancellationToken)
                    .ConfigureAwait(false);
                var elapsed = _time.GetElapsedTime(started);
                SnapshotsLog.SnapshotBuilt(_logger, key.TemplateName, applied, (long)elapsed.TotalMilliseconds);
                var newSize = await SizeOfAsync(connection, key.TemplateName, cancellationToken).ConfigureAwait(false) ?? 0;
                return new Snapshot(key, key.TemplateName, request.Stage, count, origin, applied, newSize, elapsed);
            }
            finally
            {
                // The session lock would go with the connection anyway; unlocking keeps the pooled connection clean.
                await ExecuteAsync(connection, "SELECT pg_advisory_unlock($1)", CancellationToken.None, lockId)
                    .ConfigureAwait(false);
            }
        }
    }

    /// <summary>Creates <paramref name="count"/> new databases from <paramref name="snapshot"/> and returns their
    /// names (<c>cutover_clone_KEY_RANDOM</c>); the caller drops them (<see cref="DropDatabaseAsync"/>).</summary>
    /// <remarks>Up to four clones are made at once, each on a connection of its own: PostgreSQL copies one template
    /// into several databases at the same time (it only refuses sessions connected to the template, which a snapshot
    /// never has), and with <see cref="CloneStrategy.FileCopy"/> the checkpoints of concurrent copies are shared. When
    /// one clone fails, those already made are dropped before the exception is thrown.</remarks>
    /// <exception cref="SnapshotException">The template no longer exists (pruned meanwhile).</exception>
    /// <exception cref="DatabaseUnavailableException">The server cannot be reached.</exception>
    public async Task<ImmutableArray<string>> CloneAsync(
        Snapshot snapshot, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var strategy = ChooseStrategy(snapshot.SizeBytes);
        var names = Enumerable.Range(0, count)
            .Select(_ => ClonePrefix + snapshot.Key.Short + "_" + Guid.NewGuid().ToString("N")[..8])
            .ToImmutableArray();
        var created = new ConcurrentQueue<string>();
        var lanes = Math.Min(count, ConcurrentClones);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, lanes).Select(lane =>
                CloneLaneAsync(snapshot, strategy, names, lane, lanes, created, cancellationToken))).ConfigureAwait(false);
        }
        catch
        {
            await DropQuietlyAsync(created).ConfigureAwait(false);
            throw;
        }

        return names;
    }

    // Lane k makes clones k, k + lanes, k + 2 lanes, ...: the clones of one template cost about the same.
    private async Task CloneLaneAsync(
        Snapshot snapshot, CloneStrategy strategy, ImmutableArray<string> names, int lane, int lanes,
        ConcurrentQueue<string> created, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var major = connection.PostgreSqlVersion.Major;
            for (var i = lane; i < names.Length; i += lanes)
            {
                var started = _time.GetTimestamp();
                try
                {
                    await ExecuteAsync(connection, CreateDatabaseSql(names[i], snapshot.TemplateName, strategy, major),
                        cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
                {
                    throw new SnapshotException($"{snapshot.TemplateName}: the template no longer exists (pruned?)", e);
                }

                created.Enqueue(names[i]);
                var elapsedMs = (long)_time.GetElapsedTime(started).TotalMilliseconds;
                SnapshotsLog.CloneCreated(_logger, snapshot.TemplateName, names[i], strategy, elapsedMs);
            }
        }
    }

    // Cleaning up after a failure (or a cancellation) must not hide it: prune or the server's end removes what is left.
    private async Task DropQuietlyAsync(ConcurrentQueue<string> databases)
    {
        if (databases.IsEmpty)
        {
            return;
        }

        try
        {
            var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                foreach (var database in databases)
                {
                    await DropQuietlyAsync(connection, database).ConfigureAwait(false);
                }
            }
        }
        catch (DatabaseUnavailableException)
        {
        }
    }

    /// <summary>Drops <paramref name="database"/> (a clone), ending its connections first; nothing when it does not
    /// exist.</summary>
    /// <exception cref="DatabaseUnavailableException">The server cannot be reached.</exception>
    public async Task DropDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, "DROP DATABASE IF EXISTS " + SqlIdentifier.Quote(database) + " WITH (FORCE)",
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every snapshot on the server, newest first.</summary>
    /// <exception cref="DatabaseUnavailableException">The server cannot be reached.</exception>
    internal async Task<ImmutableArray<SnapshotEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var templates = await ReadTemplatesAsync(connection, cancellationToken).ConfigureAwait(false);
            return [.. templates.Select(t => t.Entry).OrderByDescending(e => e.Created)];
        }
    }

    /// <summary>Keeps the newest <paramref name="keep"/> snapshots and drops the others, and drops builds left by
    /// killed processes.</summary>
    /// <remarks>A dropped template's clones are left alone; a clone being made from a template while it is dropped
    /// fails with <see cref="SnapshotException"/>.</remarks>
    /// <exception cref="DatabaseUnavailableException">The server cannot be reached.</exception>
    public async Task<PruneResult> PruneAsync(int keep, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var templates = (await ReadTemplatesAsync(connection, cancellationToken).ConfigureAwait(false))
                .OrderByDescending(t => t.Entry.Created).ToList();
            var dropped = ImmutableArray.CreateBuilder<string>();
            foreach (var template in templates.Skip(keep))
            {
                var name = SqlIdentifier.Quote(template.Entry.TemplateName);

                // A template cannot be dropped until it is an ordinary database again.
                await ExecuteAsync(connection, "ALTER DATABASE " + name + " WITH IS_TEMPLATE false", cancellationToken)
                    .ConfigureAwait(false);
                await ExecuteAsync(connection, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", cancellationToken)
                    .ConfigureAwait(false);
                SnapshotsLog.SnapshotDropped(_logger, template.Entry.TemplateName);
                dropped.Add(template.Entry.TemplateName);
            }

            // Builds left by killed processes: one whose key lock is free is nobody's work in progress (on this
            // maintenance database, which is why every caller should use the same one).
            foreach (var build in await ReadBuildsAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                var lockId = LockIdFor(build[BuildPrefix.Length..(BuildPrefix.Length + 16)]);
                if (await TryAdvisoryLockAsync(connection, lockId, cancellationToken).ConfigureAwait(false))
                {
                    try
                    {
                        await ExecuteAsync(connection, "DROP DATABASE IF EXISTS " + SqlIdentifier.Quote(build) +
                            " WITH (FORCE)", cancellationToken).ConfigureAwait(false);
                        dropped.Add(build);
                    }
                    finally
                    {
                        await ExecuteAsync(connection, "SELECT pg_advisory_unlock($1)", CancellationToken.None, lockId)
                            .ConfigureAwait(false);
                    }
                }
            }

            return new PruneResult([.. templates.Take(keep).Select(t => t.Entry.TemplateName)], dropped.ToImmutable());
        }
    }

    /// <summary>A connection string for <paramref name="database"/> on this server, without the password (give it
    /// through <c>PGPASSWORD</c> or a pgpass file), fit to print.</summary>
    public string ConnectionStringFor(string database) => _server.ConnectionStringFor(database);

    /// <summary>libpq variables (<c>PGHOST</c>, <c>PGPORT</c>, <c>PGUSER</c>, <c>PGPASSWORD</c> when there is one,
    /// <c>PGDATABASE</c>) and <c>CUTOVER_TEST_CONNECTION</c> (without the password) that point a child process at
    /// <paramref name="database"/>. Meant for a child's environment only: it may hold the password.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentFor(string database)
    {
        var variables = _server.EnvironmentFor(database);
        variables["CUTOVER_TEST_CONNECTION"] = _server.ConnectionStringFor(database);
        return variables;
    }

    /// <summary>A data source for <paramref name="database"/> on this server, with the maintenance connection's
    /// settings; the caller disposes it.</summary>
    public NpgsqlDataSource CreateDataSource(string database) => _server.CreateDataSource(database);

    // The first 16 hex digits of the key, as the bigint of a session advisory lock.
    private static long LockIdFor(string shortKey) =>
        BinaryPrimitives.ReadInt64BigEndian(Convert.FromHexString(shortKey));

    internal CloneStrategy ChooseStrategy(long sizeBytes) => _options.CloneStrategy switch
    {
        CloneStrategy.Auto => sizeBytes <= _options.FileCopyUpToBytes ? CloneStrategy.FileCopy : CloneStrategy.WalLog,
        var chosen => chosen,
    };

    internal static string CreateDatabaseSql(string name, string? template, CloneStrategy strategy, int majorVersion)
    {
        var sql = "CREATE DATABASE " + SqlIdentifier.Quote(name);
        if (template is not null)
        {
            sql += " TEMPLATE " + SqlIdentifier.Quote(template);
        }

        // STRATEGY came with PostgreSQL 15 (WAL_LOG became the default); older servers always copy files.
        if (majorVersion >= 15 && strategy != CloneStrategy.Auto)
        {
            sql += strategy == CloneStrategy.FileCopy ? " STRATEGY FILE_COPY" : " STRATEGY WAL_LOG";
        }

        return sql;
    }

    private static Action<NpgsqlDataSourceBuilder>? UseLoggerFactory(ILoggerFactory? loggerFactory) =>
        loggerFactory is null ? null : builder => builder.UseLoggerFactory(loggerFactory);
}
