using Npgsql;

namespace Cutover.Inspection;

/// <summary>A database made for one check and dropped when disposed.</summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly Func<string, CancellationToken, Task> _drop;

    internal ScratchDatabase(string name, NpgsqlDataSource dataSource, Func<string, CancellationToken, Task> drop)
    {
        Name = name;
        DataSource = dataSource;
        _drop = drop;
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>A data source for the database.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Drops the database.</summary>
    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync().ConfigureAwait(false);
        await _drop(Name, CancellationToken.None).ConfigureAwait(false);
    }
}
