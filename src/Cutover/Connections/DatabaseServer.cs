using System.Globalization;
using Npgsql;

namespace Cutover.Connections;

/// <summary>One PostgreSQL server as Cutover reaches it: a data source for any of its databases with the settings of
/// the connection it was found through. <see cref="Inspection.SchemaCheck"/> makes its scratch databases on one, and
/// <see cref="Snapshots.TemplateDatabaseCache"/> its snapshot builds and clones.</summary>
/// <remarks>
/// <para>Made from a <see cref="ResolvedConnection"/> it holds the password and hands it on to every data source
/// (scratch databases, snapshot builds and clones) and to child programs' environments, never to text that is
/// printed. Made from a data source someone else built it cannot: <see cref="NpgsqlDataSource.ConnectionString"/>
/// leaves the password out, so other databases are reached with the password Npgsql finds itself (<c>PGPASSWORD</c>,
/// the password file), as libpq's programs do.</para>
/// <para>Its data sources map every type Npgsql knows (Npgsql's full builder, not the slim one
/// <see cref="DataSourceFactory.Create"/> uses): they reach application code, through the test kit
/// (<c>ThrowawayServer.CreateDataSource</c>, <c>TestDatabase.CreateDataSource</c>), scratch databases and clones.</para>
/// <para>Thread-safe: it holds settings only.</para>
/// </remarks>
public sealed class DatabaseServer
{
    private readonly string _settings;
    private readonly DataSourceFactory _factory;
    private readonly Action<NpgsqlDataSourceBuilder>? _configure;

    /// <summary>A server reached with <paramref name="settings"/> (a copy is kept).</summary>
    /// <param name="settings">Full connection settings, password included when there is one.</param>
    /// <param name="factory">Builds the data sources; a factory that logs nowhere when null.</param>
    /// <param name="configure">Adjusts every data source builder (logging, type mappings); null for none.</param>
    public DatabaseServer(
        NpgsqlConnectionStringBuilder settings, DataSourceFactory? factory = null,
        Action<NpgsqlDataSourceBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings.ConnectionString;
        _factory = factory ?? new DataSourceFactory();
        _configure = configure;
        Database = settings.Database ?? settings.Username ?? "postgres";
    }

    /// <summary>The database the server was reached through: its maintenance database, typically <c>postgres</c>.</summary>
    public string Database { get; }

    /// <summary>The server of <paramref name="connection"/>, with its password.</summary>
    /// <param name="connection">A resolved connection to the server's maintenance database (<c>postgres</c>,
    /// typically), as a role that may create databases when the server is for scratch databases or snapshots.</param>
    /// <param name="factory">Builds the data sources; a factory that logs nowhere when null.</param>
    /// <param name="configure">Adjusts every data source builder (logging, type mappings); null for none.</param>
    public static DatabaseServer Of(
        ResolvedConnection connection, DataSourceFactory? factory = null,
        Action<NpgsqlDataSourceBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new DatabaseServer(connection.CreateConnectionStringBuilder(), factory, configure);
    }

    /// <summary>The server behind <paramref name="dataSource"/>, without its password (see the remarks).</summary>
    internal static DatabaseServer Behind(NpgsqlDataSource dataSource, Action<NpgsqlDataSourceBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return new DatabaseServer(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString), configure: configure);
    }

    /// <summary>A data source for <paramref name="database"/> on this server, with this server's settings; the caller
    /// disposes it.</summary>
    public NpgsqlDataSource CreateDataSource(string database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return _factory.CreateForApplicationCode(SettingsFor(database), _configure);
    }

    /// <summary>A connection string for <paramref name="database"/> on this server without the password, fit to
    /// print.</summary>
    public string ConnectionStringFor(string database)
    {
        var settings = SettingsFor(database);
        settings.Password = null;
        return settings.ConnectionString;
    }

    /// <summary>The libpq variables (<c>PGHOST</c>, <c>PGPORT</c>, <c>PGUSER</c>, <c>PGPASSWORD</c> when there is one,
    /// and <c>PGDATABASE</c> when <paramref name="database"/> is given) that point a child program at this server.
    /// For a child's environment only: it may hold the password, which must never go on a command line.</summary>
    internal Dictionary<string, string> EnvironmentFor(string? database)
    {
        var settings = new NpgsqlConnectionStringBuilder(_settings);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (settings.Host is { } host)
        {
            variables["PGHOST"] = host;
        }

        variables["PGPORT"] = settings.Port.ToString(CultureInfo.InvariantCulture);
        if (settings.Username is { } user)
        {
            variables["PGUSER"] = user;
        }

        if (settings.Password is { } password)
        {
            variables["PGPASSWORD"] = password;
        }

        if (database is not null)
        {
            variables["PGDATABASE"] = database;
        }

        return variables;
    }

    private NpgsqlConnectionStringBuilder SettingsFor(string database) => new(_settings) { Database = database };
}
