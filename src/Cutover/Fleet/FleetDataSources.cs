using Cutover.Connections;
using Npgsql;

namespace Cutover.Fleet;

/// <summary>One pool per database, not per target: the schema targets of one database share it. A pool lives while a
/// target of its database is in flight and is closed when the last one finishes, so a run over a thousand databases
/// never holds a thousand idle pools.</summary>
/// <remarks>A worker rents the pool of its next target before it returns the pool of the one it finished, so
/// consecutive schemas of one database keep their connections. Thread-safe.</remarks>
internal sealed class FleetDataSources(DataSourceFactory factory, int maxPoolSize) : IAsyncDisposable
{
    private readonly Dictionary<string, (NpgsqlDataSource DataSource, int Users)> _pools = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>How many pools were created, for the benchmark and the tests.</summary>
    public int Created { get; private set; }

    /// <summary>The pool for <paramref name="settings"/>; give it back with <see cref="ReturnAsync"/>.</summary>
    public NpgsqlDataSource Rent(string settings)
    {
        lock (_lock)
        {
            if (_pools.TryGetValue(settings, out var pool))
            {
                _pools[settings] = (pool.DataSource, pool.Users + 1);
                return pool.DataSource;
            }

            var builder = new NpgsqlConnectionStringBuilder(settings)
            {
                // A script connection and a lock connection per target in flight; the bound of the whole run is
                // enforced by the number of targets in flight (--parallel).
                MaxPoolSize = maxPoolSize,

                // Connections that were needed at a peak (sixteen workers in one database's schemas) close soon after,
                // instead of staying idle for Npgsql's default five minutes while the workers moved on.
                ConnectionIdleLifetime = 2,
                ConnectionPruningInterval = 1,
            };
            var dataSource = factory.CreateFromSettings(builder, null);
            _pools[settings] = (dataSource, 1);
            Created++;
            return dataSource;
        }
    }

    /// <summary>Gives back a pool from <see cref="Rent"/>; the last user closes it.</summary>
    public async Task ReturnAsync(string settings)
    {
        NpgsqlDataSource? close = null;
        lock (_lock)
        {
            var pool = _pools[settings];
            if (pool.Users == 1)
            {
                _pools.Remove(settings);
                close = pool.DataSource;
            }
            else
            {
                _pools[settings] = (pool.DataSource, pool.Users - 1);
            }
        }

        if (close is not null)
        {
            await close.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<NpgsqlDataSource> all;
        lock (_lock)
        {
            all = [.. _pools.Values.Select(p => p.DataSource)];
            _pools.Clear();
        }

        foreach (var dataSource in all)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}
