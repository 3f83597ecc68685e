using Cutover.Execution;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.Cli;

/// <summary>A migrator with the data source and loggers it owns, disposed together.</summary>
internal sealed class MigrationSession(Migrator migrator, NpgsqlDataSource dataSource, ILoggerFactory loggerFactory)
    : IAsyncDisposable
{
    public Migrator Migrator { get; } = migrator;

    /// <summary>The migrator's data source, for what runs beside it (the post-phase gate).</summary>
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        loggerFactory.Dispose();
    }
}
