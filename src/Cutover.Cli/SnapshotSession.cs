using Cutover.Snapshots;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.Cli;

/// <summary>A snapshot cache with the data source and loggers it owns, disposed together.</summary>
internal sealed class SnapshotSession(TemplateDatabaseCache cache, NpgsqlDataSource dataSource, ILoggerFactory loggerFactory)
    : IAsyncDisposable
{
    public TemplateDatabaseCache Cache { get; } = cache;

    public ILoggerFactory LoggerFactory { get; } = loggerFactory;

    public async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        LoggerFactory.Dispose();
    }
}
