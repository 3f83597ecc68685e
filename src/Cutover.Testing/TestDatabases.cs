using Cutover.Scripts;
using Cutover.Snapshots;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.Testing;

/// <summary>Hands out fresh databases at one stage of a migration set, cloned from a snapshot that is built (or found)
/// on first use. Framework-neutral: an xunit, NUnit or MSTest fixture over it is a few lines.</summary>
/// <remarks>Thread-safe: parallel tests may call <see cref="CreateAsync"/> at once; the snapshot is built once (also
/// across processes, see <see cref="TemplateDatabaseCache"/>). Disposing drops every database still handed out and
/// leaves the snapshot for the next run.</remarks>
/// <example>
/// <code>
/// await using var databases = new TestDatabases(server, scripts, new SnapshotRequest { Stage = SnapshotStage.Everything });
/// await using var database = await databases.CreateAsync(cancellationToken);
/// await using var dataSource = database.CreateDataSource();
/// </code>
/// </example>
public sealed class TestDatabases : IAsyncDisposable
{
    private readonly NpgsqlDataSource _maintenance;
    private readonly TemplateDatabaseCache _cache;
    private readonly MigrationSet _scripts;
    private readonly SnapshotRequest _request;
    private readonly SemaphoreSlim _snapshotGate = new(1, 1);
    private readonly Lock _outstandingLock = new();
    private readonly HashSet<TestDatabase> _outstanding = [];
    private Snapshot? _snapshot;

    /// <summary>Creates the source on a throwaway server.</summary>
    public TestDatabases(
        ThrowawayServer server, MigrationSet scripts, SnapshotRequest? request = null, SnapshotOptions? options = null,
        ILoggerFactory? loggerFactory = null)
        : this(NullThrow(server).CreateDataSource(), scripts, request, options, loggerFactory)
    {
    }

    /// <summary>Creates the source on the server of <paramref name="maintenance"/> (a database that is not a template,
    /// as a role that may create databases); disposing this source disposes it.</summary>
    public TestDatabases(
        NpgsqlDataSource maintenance, MigrationSet scripts, SnapshotRequest? request = null,
        SnapshotOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(maintenance);
        ArgumentNullException.ThrowIfNull(scripts);
        _maintenance = maintenance;
        _scripts = scripts;
        _request = request ?? new SnapshotRequest();
        _cache = new TemplateDatabaseCache(maintenance, options, loggerFactory?.CreateLogger<TemplateDatabaseCache>(),
            loggerFactory: loggerFactory);
    }

    /// <summary>Builds or finds the snapshot now, so the first test does not pay for it; optional.</summary>
    public async Task<Snapshot> EnsureSnapshotAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _snapshot) is { } ready)
        {
            return ready;
        }

        await _snapshotGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _snapshot ??= await _cache.EnsureAsync(_scripts, _request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _snapshotGate.Release();
        }
    }

    /// <summary>Creates a fresh database at the stage; dispose it when the test ends.</summary>
    public async Task<TestDatabase> CreateAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await EnsureSnapshotAsync(cancellationToken).ConfigureAwait(false);
        var name = (await _cache.CloneAsync(snapshot, 1, cancellationToken).ConfigureAwait(false))[0];
        var database = new TestDatabase(_cache, name, snapshot, Forget);
        lock (_outstandingLock)
        {
            _outstanding.Add(database);
        }

        return database;
    }

    /// <summary>Drops every database still handed out and disposes the maintenance data source.</summary>
    public async ValueTask DisposeAsync()
    {
        List<TestDatabase> left;
        lock (_outstandingLock)
        {
            left = [.. _outstanding];
        }

        foreach (var database in left)
        {
            await database.DisposeAsync().ConfigureAwait(false);
        }

        await _maintenance.DisposeAsync().ConfigureAwait(false);
        _snapshotGate.Dispose();
    }

    private ValueTask Forget(TestDatabase database)
    {
        lock (_outstandingLock)
        {
            _outstanding.Remove(database);
        }

        return ValueTask.CompletedTask;
    }

    private static ThrowawayServer NullThrow(ThrowawayServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server;
    }
}
