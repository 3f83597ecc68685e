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
    /// <param name="configure">Adjusts the builder before it is built (more types, Npgsql logging, ...); null for
    /// none.</param>
    /// <returns>A data source that has not connected yet.</returns>
    /// <remarks><para>The builder is Npgsql's slim one, with arrays, TLS and GSS enabled: what Cutover itself reads and
    /// needs to connect. Code that reads other types through the data source enables them through
    /// <paramref name="configure"/>: <c>EnableJsonTypes</c>, <c>EnableRanges</c>, <c>EnableNetworkTypes</c>, ... (not
    /// <c>EnableExtraConversions</c>, whose mappings come ahead of the defaults: a <c>string</c> parameter would then be
    /// sent as a bit string).</para>
    /// <para>Sets <c>Application Name</c> to <see cref="DefaultApplicationName"/> unless the target gives one, so
    /// that a DBA can tell Cutover's sessions (and the locks they hold) apart in <c>pg_stat_activity</c>.
    /// <c>Include Error Detail</c> stays off unless the target's Npgsql connection string turns it on, or
    /// <paramref name="configure"/> does: see the comment in the code.</para></remarks>
    public NpgsqlDataSource Create(ResolvedConnection connection, Action<NpgsqlSlimDataSourceBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return CreateFromSettings(connection.CreateConnectionStringBuilder(), configure);
    }

    /// <summary>Creates a data source from full connection settings (password included, when there is one) with the
    /// slim builder, as <see cref="Create"/>; the caller disposes it.</summary>
    internal NpgsqlDataSource CreateFromSettings(NpgsqlConnectionStringBuilder settings, Action<NpgsqlSlimDataSourceBuilder>? configure)
    {
        settings = Prepare(settings);

        var builder = new NpgsqlSlimDataSourceBuilder(settings.ConnectionString) { Name = DatabaseConnection.Describe(settings) };

        // The slim builder keeps the native binary small and free of reflection: it knows the basic types (text,
        // integers, bool, bytea, timestamptz, json as text, ...) and nothing else until told. Cutover reads and
        // binds text[] (catalog queries, post-deploy journal filters) and connects as libpq does: sslmode and
        // gssencmode/krbsrvname are mapped (Connections/LibpqParameters.cs), so TLS and GSS stay on.
        builder.EnableArrays().EnableTransportSecurity().EnableIntegratedSecurity();

        // Npgsql's first connection otherwise reads every type of the database (a 3 KB query over pg_type: server
        // time and hundreds of rows to decode), a large share of a no-op run. Cutover's own statements read only
        // built-in types, and a migration's result rows are discarded unread, so this data source knows the built-in
        // types and asks for nothing. Code that reads the application's own types gets CreateForApplicationCode's data
        // source, which loads them; configure can turn loading back on.
        builder.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
        configure?.Invoke(builder);
        return Log(builder.Build(), settings, builder.ConnectionStringBuilder.ApplicationName);
    }

    /// <summary>Creates a data source with Npgsql's full builder, which maps every type Npgsql knows, for data sources
    /// that application code reads through: the post-deploy actions <c>cutover deploy</c> runs, test suites using
    /// the test kit (see <see cref="DatabaseServer"/>). They expect what their application's own data source gives
    /// them (<c>jsonb</c> as <c>JsonDocument</c>, ranges, <c>inet</c>, an <c>integer</c> read as <c>long</c>, ...).
    /// Otherwise as <see cref="Create"/>.</summary>
    /// <remarks>Not the slim builder with everything enabled: its <c>EnableExtraConversions</c> and a few others put
    /// their mappings ahead of the defaults, and a plain <c>string</c> parameter is then sent as a bit string.</remarks>
    /// <param name="connection">The resolved target.</param>
    /// <param name="configure">Adjusts the builder before it is built (Npgsql logging, plugins, ...); null for
    /// none.</param>
    /// <returns>A data source that has not connected yet.</returns>
    public NpgsqlDataSource CreateForApplicationCode(
        ResolvedConnection connection, Action<NpgsqlDataSourceBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return CreateForApplicationCode(connection.CreateConnectionStringBuilder(), configure);
    }

    /// <summary>As <see cref="CreateForApplicationCode(ResolvedConnection, Action{NpgsqlDataSourceBuilder}?)"/>, from
    /// full connection settings (password included, when there is one).</summary>
    internal NpgsqlDataSource CreateForApplicationCode(NpgsqlConnectionStringBuilder settings, Action<NpgsqlDataSourceBuilder>? configure)
    {
        settings = Prepare(settings);
        var builder = new NpgsqlDataSourceBuilder(settings.ConnectionString) { Name = DatabaseConnection.Describe(settings) };
        configure?.Invoke(builder);
        return Log(builder.Build(), settings, builder.ConnectionStringBuilder.ApplicationName);
    }

    private static NpgsqlConnectionStringBuilder Prepare(NpgsqlConnectionStringBuilder settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        settings.ApplicationName ??= DefaultApplicationName;

        // libpq never negotiates TLS over a Unix-domain socket; Npgsql's prefer would ask the server first, a round
        // trip on every connection for an answer known in advance. What a target demands (require, verify-*) stays.
        if ((settings.SslMode is SslMode.Prefer or SslMode.Allow) && OnlyUnixSockets(settings.Host))
        {
            settings.SslMode = SslMode.Disable;
        }

        // Include Error Detail stays as the user set it, off by default. PostgreSQL puts row values in DETAIL
        // ("Key (email)=(ana@example.com) already exists."), and Cutover runs against production data and prints
        // errors into CI logs that are widely readable and kept for long. SQLSTATE, message, constraint, table and
        // column (never redacted) locate a failing migration well enough; who wants the rows can say so with
        // "Include Error Detail=true" in an Npgsql connection string, or through configure.
        //
        // The data source's Name: Npgsql names data sources in its metrics and logs after the connection string
        // minus the password; the description (DatabaseConnection.Describe) is shorter and names no option.
        return settings;
    }

    private static bool OnlyUnixSockets(string? hosts) =>
        !string.IsNullOrEmpty(hosts) &&
        hosts.Split(',', StringSplitOptions.TrimEntries).All(h => h.StartsWith('/') || h.StartsWith('@'));

    private NpgsqlDataSource Log(NpgsqlDataSource dataSource, NpgsqlConnectionStringBuilder settings, string? applicationName)
    {
        ConnectionsLog.DataSourceCreated(
            _logger, settings.Host ?? "", settings.Port, settings.Database ?? "", settings.Username ?? "",
            applicationName ?? DefaultApplicationName);
        return dataSource;
    }
}
