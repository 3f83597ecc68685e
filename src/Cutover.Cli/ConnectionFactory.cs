using Cutover.Connections;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.Cli;

/// <summary>Turns <c>--connection</c> and <c>--service</c> into a data source, with libpq's environment variables,
/// service file and password file filling the gaps. The environment is read once, here at the edge.</summary>
internal static class ConnectionFactory
{
    public static async Task<ResolvedConnection> ResolveAsync(
        string? connection, string? service, ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        await new ConnectionResolver(loggerFactory.CreateLogger<ConnectionResolver>())
            .ResolveAsync(ConnectionTarget.Create(connection, service), EnvironmentSnapshot.Capture(), cancellationToken);

    public static NpgsqlDataSource Create(ResolvedConnection resolved, ILoggerFactory loggerFactory) =>
        new DataSourceFactory(loggerFactory.CreateLogger<DataSourceFactory>())
            .Create(resolved, builder => builder.UseLoggerFactory(loggerFactory));

    public static async Task<NpgsqlDataSource> CreateAsync(
        string? connection, string? service, ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        Create(await ResolveAsync(connection, service, loggerFactory, cancellationToken), loggerFactory);

    /// <summary>A data source that application code reads through too (post-deploy actions under <c>deploy</c>): Npgsql's
    /// full builder, so actions see every type they see in their application.</summary>
    public static async Task<NpgsqlDataSource> CreateForApplicationCodeAsync(
        string? connection, string? service, ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        new DataSourceFactory(loggerFactory.CreateLogger<DataSourceFactory>()).CreateForApplicationCode(
            await ResolveAsync(connection, service, loggerFactory, cancellationToken),
            builder => builder.UseLoggerFactory(loggerFactory));

    /// <summary>The server a connection names, for commands that make databases on it: data sources for its other
    /// databases carry the same resolved settings, password included (a data source's own connection string drops
    /// it).</summary>
    public static async Task<DatabaseServer> CreateServerAsync(
        string? connection, string? service, ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        CreateServer(await ResolveAsync(connection, service, loggerFactory, cancellationToken), loggerFactory);

    /// <summary>The server <paramref name="resolved"/> names, as <see cref="CreateServerAsync"/>.</summary>
    public static DatabaseServer CreateServer(ResolvedConnection resolved, ILoggerFactory loggerFactory) =>
        DatabaseServer.Of(resolved, new DataSourceFactory(loggerFactory.CreateLogger<DataSourceFactory>()),
            builder => builder.UseLoggerFactory(loggerFactory));
}
