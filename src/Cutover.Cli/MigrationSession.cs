using Cutover.Execution;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.Cli;

/// <summary>A migrator with the data source and loggers it owns, disposed together.</summary>
internal sealed class MigrationSession(Migrator migrator, NpgsqlDataSource dataSource, ILoggerFactory loggerFactory)
    : IAsyncDisposable
{
    public Migrator Migrator { get; } = migrator;

    public async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        loggerFactory.Dispose();
    }
}
