using System.Collections.Immutable;
using Npgsql;

namespace Cutover.Connections;

/// <summary>A connection target with every gap filled from the service file, the environment, the password file and
/// libpq's defaults: what Cutover will connect to, and as whom.</summary>
/// <remarks>Holds the password, if any, but never shows it: <see cref="Describe"/> and <see cref="ToString"/> give
/// <c>host:port/database as user</c> only. Pass it to <see cref="DataSourceFactory.Create"/> to connect.</remarks>
public sealed record ResolvedConnection
{
    private readonly string _connectionString;

    internal ResolvedConnection(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _connectionString = builder.ConnectionString;
        Host = builder.Host ?? throw new ArgumentException("the host is not resolved", nameof(builder));
        Port = builder.Port;
        Database = builder.Database ?? throw new ArgumentException("the database is not resolved", nameof(builder));
        Username = builder.Username ?? throw new ArgumentException("the user is not resolved", nameof(builder));
        Endpoints = ServerEndpoint.ParseList(Host, Port);
    }

    /// <summary>The host name, IP address or Unix socket folder, or a comma-separated list of them each with an
    /// optional port, as Npgsql takes it.</summary>
    public string Host { get; }

    /// <summary>The port of every host that does not name its own.</summary>
    public int Port { get; }

    /// <summary>The database name.</summary>
    public string Database { get; }

    /// <summary>The user name.</summary>
    public string Username { get; }

    /// <summary>The servers to try, in order.</summary>
    internal ImmutableArray<ServerEndpoint> Endpoints { get; }

    /// <summary>Says where and as whom Cutover connects, never with the password: <c>db1:5432/app as deploy</c>,
    /// <c>/var/run/postgresql:5432/app as ana</c>, <c>db1:5432,db2:5433/app as deploy</c>.</summary>
    public string Describe() => DescribeServers() + "/" + Database + " as " + Username;

    /// <summary>Says which servers Cutover tries, in order, each with its port: <c>db1:5432</c>,
    /// <c>/var/run/postgresql:5432</c>, <c>db1:5432,db2:5433</c>; no database, no user.</summary>
    public string DescribeServers() => string.Join(',', Endpoints);

    /// <summary>The same as <see cref="Describe"/>: safe to print and log.</summary>
    public override string ToString() => Describe();

    /// <summary>A new builder holding the full connection settings, password included; it never leaves
    /// <c>Cutover.Connections</c> except as an <see cref="NpgsqlDataSource"/>.</summary>
    internal NpgsqlConnectionStringBuilder CreateConnectionStringBuilder() => new(_connectionString);

    /// <inheritdoc/>
    public bool Equals(ResolvedConnection? other) =>
        other is not null && string.Equals(_connectionString, other._connectionString, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_connectionString);
}
