using Cutover.Snapshots;
using Npgsql;

namespace Cutover.Testing;

/// <summary>A fresh database cloned from a snapshot for one test (or one test class); disposing it drops it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly TemplateDatabaseCache _cache;
    private readonly Func<TestDatabase, ValueTask>? _onDisposed;
    private int _disposed;

    internal TestDatabase(TemplateDatabaseCache cache, string name, Snapshot snapshot, Func<TestDatabase, ValueTask>? onDisposed)
    {
        _cache = cache;
        _onDisposed = onDisposed;
        Name = name;
        Snapshot = snapshot;
    }

    /// <summary>The database name.</summary>
    public string Name { get; }

    /// <summary>The snapshot it was cloned from.</summary>
    public Snapshot Snapshot { get; }

    /// <summary>A connection string for the database, without a password.</summary>
    public string ConnectionString => _cache.ConnectionStringFor(Name);

    /// <summary>libpq variables and <c>CUTOVER_TEST_CONNECTION</c> pointing a child process at the database.</summary>
    public IReadOnlyDictionary<string, string> Environment => _cache.EnvironmentFor(Name);

    /// <summary>Creates a data source for the database; the caller disposes it.</summary>
    public NpgsqlDataSource CreateDataSource() => _cache.CreateDataSource(Name);

    /// <summary>Drops the database, ending its connections first.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Pooled connections of data sources the test made would keep the database busy; FORCE ends them.
        await _cache.DropDatabaseAsync(Name, CancellationToken.None).ConfigureAwait(false);
        if (_onDisposed is not null)
        {
            await _onDisposed(this).ConfigureAwait(false);
        }
    }
}
