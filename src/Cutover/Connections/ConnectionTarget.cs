namespace Cutover.Connections;

/// <summary>The database a user pointed Cutover at, as given: a connection string or URI, a service name from a
/// connection service file, both, or neither (then libpq's environment variables and defaults decide).</summary>
/// <remarks>Nothing is read or checked until <see cref="ConnectionResolver.ResolveAsync"/>. <see cref="ToString"/>
/// never shows the connection string, which may hold a password.</remarks>
public sealed record ConnectionTarget
{
    private ConnectionTarget(string? connection, string? serviceName)
    {
        Connection = connection;
        ServiceName = serviceName;
    }

    /// <summary>An Npgsql connection string (<c>Host=db;Database=app</c>), a libpq keyword/value string
    /// (<c>host=db dbname=app</c>) or a URI (<c>postgresql://app@db/app?sslmode=require</c>); null when not given.</summary>
    public string? Connection { get; }

    /// <summary>The name of a section in a connection service file, as libpq's <c>service</c> keyword; null when not
    /// given (then <c>PGSERVICE</c> may name one).</summary>
    public string? ServiceName { get; }

    /// <summary>Describes what the user asked for.</summary>
    /// <param name="connection">An Npgsql connection string, a libpq keyword/value string or a
    /// <c>postgresql://</c> URI; null or empty when not given.</param>
    /// <param name="serviceName">A service name (the CLI's <c>--service</c>); null or empty when not given. With a
    /// connection string too, the service fills in what the string lacks, as <c>service=</c> does in libpq.</param>
    /// <returns>The target; with neither argument, the one libpq's environment variables and defaults describe.</returns>
    public static ConnectionTarget Create(string? connection = null, string? serviceName = null) =>
        new(
            string.IsNullOrWhiteSpace(connection) ? null : connection.Trim(),
            string.IsNullOrWhiteSpace(serviceName) ? null : serviceName.Trim());

    /// <summary>Names the parts given, never the connection string itself.</summary>
    public override string ToString() =>
        (Connection, ServiceName) switch
        {
            (null, null) => "ConnectionTarget { from the environment }",
            (null, var service) => $"ConnectionTarget {{ ServiceName = {service} }}",
            (_, null) => "ConnectionTarget { Connection = (not shown) }",
            (_, var service) => $"ConnectionTarget {{ Connection = (not shown), ServiceName = {service} }}",
        };
}
