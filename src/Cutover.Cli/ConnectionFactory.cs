using Cutover.Connections;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.Cli;

/// <summary>Turns <c>--connection</c> and <c>--service</c> into a data source, with libpq's environment variables,
/// service file and password file filling the gaps. The environment is read once, here at the edge.</summary>
internal static class ConnectionFactory
{
    public static async Task<NpgsqlDataSource> CreateAsync(
        string? connection, string? service, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var target = ConnectionTarget.Create(connection, service);
        var resolved = await new ConnectionResolver(loggerFactory.CreateLogger<ConnectionResolver>())
            .ResolveAsync(target, EnvironmentSnapshot.Capture(), cancellationToken);
        return new DataSourceFactory(loggerFactory.CreateLogger<DataSourceFactory>())
            .Create(resolved, builder => builder.UseLoggerFactory(loggerFactory));
    }
}
