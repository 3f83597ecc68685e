using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.Cli;

/// <summary>TEMPORARY until Cutover.Connections lands: the connection string as given, or libpq's PG* variables.</summary>
internal static class ConnectionFactory
{
    public static Task<NpgsqlDataSource> CreateAsync(
        string? connection, string? service, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        _ = service;
        _ = cancellationToken;
        var builder = new NpgsqlDataSourceBuilder(connection ?? "");
        var env = Environment.GetEnvironmentVariables();
        builder.ConnectionStringBuilder.Host ??= env["PGHOST"] as string ?? "localhost";
        if (env["PGPORT"] is string port && connection is null)
        {
            builder.ConnectionStringBuilder.Port = int.Parse(port, System.Globalization.CultureInfo.InvariantCulture);
        }

        builder.ConnectionStringBuilder.Username ??= env["PGUSER"] as string ?? Environment.UserName;
        builder.ConnectionStringBuilder.Database ??= env["PGDATABASE"] as string ?? builder.ConnectionStringBuilder.Username;
        builder.UseLoggerFactory(loggerFactory);
        return Task.FromResult(builder.Build());
    }
}
