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

    /// <summary>A scratch server given by a connection: its maintenance database, and a data source per database made
    /// from the same resolved settings (password included, which a data source's own connection string drops).</summary>
    public static async Task<(NpgsqlDataSource Maintenance, Func<string, NpgsqlDataSource> ConnectTo)> CreateScratchAsync(
        string connection, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var resolved = await new ConnectionResolver(loggerFactory.CreateLogger<ConnectionResolver>())
            .ResolveAsync(ConnectionTarget.Create(connection, null), EnvironmentSnapshot.Capture(), cancellationToken);
        var factory = new DataSourceFactory(loggerFactory.CreateLogger<DataSourceFactory>());
        return (factory.Create(resolved), database =>
        {
            var builder = resolved.CreateConnectionStringBuilder();
            builder.Database = database;
            return NpgsqlDataSource.Create(builder);
        });
    }
}
