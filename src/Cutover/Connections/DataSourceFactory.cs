using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cutover.Connections;

/// <summary>Builds the one <see cref="NpgsqlDataSource"/> Cutover uses for a target database.</summary>
/// <remarks>Connection strings never leave <c>Cutover.Connections</c>: the rest of Cutover receives the data source.
/// Thread-safe.</remarks>
public sealed class DataSourceFactory
{
    /// <summary>The application name the server shows in <c>pg_stat_activity</c> when the target names none.</summary>
    public const string DefaultApplicationName = "cutover";

    private readonly ILogger _logger;

    /// <summary>Creates a factory that logs to <paramref name="logger"/>.</summary>
    /// <param name="logger">Receives one Debug line per data source; nothing when null.</param>
    public DataSourceFactory(ILogger<DataSourceFactory>? logger = null)
    {
        _logger = logger ?? NullLogger<DataSourceFactory>.Instance;
    }

    /// <summary>Creates a data source for <paramref name="connection"/>; the caller disposes it.</summary>
    /// <param name="connection">The resolved target.</param>
    /// <param name="configure">Adjusts the builder before it is built (type mappings, Npgsql logging, ...); null for
    /// none.</param>
    /// <returns>A data source that has not connected yet.</returns>
    /// <remarks>Sets <c>Application Name</c> to <see cref="DefaultApplicationName"/> unless the target gives one, so
    /// that a DBA can tell Cutover's sessions (and the locks they hold) apart in <c>pg_stat_activity</c>.
    /// <c>Include Error Detail</c> stays off unless the target's Npgsql connection string turns it on, or
    /// <paramref name="configure"/> does: see the comment in the code.</remarks>
    public NpgsqlDataSource Create(ResolvedConnection connection, Action<NpgsqlDataSourceBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return CreateFromSettings(connection.CreateConnectionStringBuilder(), configure);
    }

    /// <summary>Creates a data source from full connection settings (password included, when there is one); the
    /// caller disposes it. For <see cref="DatabaseServer"/>, which reaches several databases with one set of
    /// settings.</summary>
    internal NpgsqlDataSource CreateFromSettings(NpgsqlConnectionStringBuilder settings, Action<NpgsqlDataSourceBuilder>? configure)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        settings.ApplicationName ??= DefaultApplicationName;

        // Include Error Detail stays as the user set it, off by default. PostgreSQL puts row values in DETAIL
        // ("Key (email)=(ana@example.com) already exists."), and Cutover runs against production data and prints
        // errors into CI logs that are widely readable and kept for long. SQLSTATE, message, constraint, table and
        // column (never redacted) locate a failing migration well enough; who wants the rows can say so with
        // "Include Error Detail=true" in an Npgsql connection string, or through configure.
        var builder = new NpgsqlDataSourceBuilder(settings.ConnectionString)
        {
            // Npgsql names data sources in its metrics and logs after the connection string minus the password;
            // the description is shorter and names no option.
            Name = DatabaseConnection.Describe(settings),
        };
        configure?.Invoke(builder);
        var dataSource = builder.Build();
        ConnectionsLog.DataSourceCreated(
            _logger, settings.Host ?? "", settings.Port, settings.Database ?? "", settings.Username ?? "",
            builder.ConnectionStringBuilder.ApplicationName ?? DefaultApplicationName);
        return dataSource;
    }
}
