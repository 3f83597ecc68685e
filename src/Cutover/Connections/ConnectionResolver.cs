using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cutover.Connections;

/// <summary>Turns a <see cref="ConnectionTarget"/> into a <see cref="ResolvedConnection"/> the way libpq (and so
/// <c>psql</c>) would: what the target gives explicitly wins, then the connection service, then the <c>PG*</c>
/// environment variables, then the password file for a missing password, then libpq's defaults.</summary>
/// <remarks>
/// <para>The environment is a snapshot passed in (see <see cref="EnvironmentSnapshot.Capture"/>); the home folder is
/// its <c>HOME</c>. Without <c>HOME</c>, <c>~/.pg_service.conf</c> and <c>~/.pgpass</c> are not read.</para>
/// <para>The service is the target's <see cref="ConnectionTarget.ServiceName"/> or a <c>service</c> keyword in its
/// URI or keyword/value string, else <c>PGSERVICE</c>; as in libpq, <c>PGSERVICE</c> applies even when a connection
/// string is given, filling what the string lacks. It is read from <c>servicefile</c>, <c>PGSERVICEFILE</c> or
/// <c>~/.pg_service.conf</c>, else <c>pg_service.conf</c> in <c>PGSYSCONFDIR</c> or
/// <c>/etc/postgresql-common</c>.</para>
/// <para>Defaults: the socket folder <c>/var/run/postgresql</c> when it exists, else <c>localhost</c>; port 5432; the
/// operating system user; a database named after the user.</para>
/// <para>Thread-safe; resolution reads files but never connects.</para>
/// </remarks>
public sealed partial class ConnectionResolver
{
    /// <summary>Where Debian's and Ubuntu's libpq look for the server socket by default.</summary>
    internal const string DefaultSocketDirectory = "/var/run/postgresql";

    /// <summary>Where Debian's and Ubuntu's libpq look for the system-wide <c>pg_service.conf</c>.</summary>
    internal const string DefaultSystemConfigurationDirectory = "/etc/postgresql-common";

    private readonly ILogger _logger;
    private readonly string _operatingSystemUser;
    private readonly string _defaultSocketDirectory;

    /// <summary>Creates a resolver that logs to <paramref name="logger"/>.</summary>
    /// <param name="logger">Receives the resolved target (Debug) and warnings about ignored password files; nothing
    /// when null.</param>
    public ConnectionResolver(ILogger<ConnectionResolver>? logger = null)
        : this(logger, Environment.UserName, DefaultSocketDirectory)
    {
    }

    /// <summary>Creates a resolver with the defaults libpq would take from the operating system.</summary>
    internal ConnectionResolver(ILogger? logger, string operatingSystemUser, string defaultSocketDirectory)
    {
        _logger = logger ?? NullLogger<ConnectionResolver>.Instance;
        _operatingSystemUser = operatingSystemUser;
        _defaultSocketDirectory = defaultSocketDirectory;
    }

    /// <summary>Resolves <paramref name="target"/> against <paramref name="environment"/> and the service and
    /// password files it points to.</summary>
    /// <param name="target">What the user asked for.</param>
    /// <param name="environment">A snapshot of the environment variables (<c>PGHOST</c>, <c>PGSERVICE</c>,
    /// <c>HOME</c>, ...).</param>
    /// <param name="cancellationToken">Cancels reading the files.</param>
    /// <returns>The complete connection settings.</returns>
    /// <exception cref="ConnectionConfigurationException">The target is malformed, its service is not defined, a
    /// service or password file has a bad line, or a value is invalid (the message names where it came from).</exception>
    public async Task<ResolvedConnection> ResolveAsync(
        ConnectionTarget target, IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(environment);

        var builder = new NpgsqlConnectionStringBuilder();
        var settings = new Dictionary<string, ConnectionSetting>(StringComparer.Ordinal);
        if (target.Connection is { } connection)
        {
            if (PostgresUri.IsUri(connection))
            {
                AddExplicit(settings, PostgresUri.Parse(connection), PostgresUri.Source);
            }
            else if (KeywordValueConnectionString.IsKeywordValue(connection))
            {
                AddExplicit(settings, KeywordValueConnectionString.Parse(connection), KeywordValueConnectionString.Source);
            }
            else
            {
                builder = ParseNpgsqlConnectionString(connection);
            }
        }

        // Keys lists only the settings an Npgsql connection string gave, under Npgsql's canonical names.
        var givenByNpgsql = builder.Keys.Cast<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool IsGiven(string keyword) =>
            settings.ContainsKey(keyword)
            || (LibpqParameters.TryGet(keyword, out var parameter)
                && parameter.NpgsqlKeyword is { } npgsqlKeyword
                && givenByNpgsql.Contains(npgsqlKeyword));

        if (FindServiceName(target, settings, environment) is { } service)
        {
            foreach (var setting in await ReadServiceAsync(service, settings, environment, cancellationToken)
                .ConfigureAwait(false))
            {
                if (!IsGiven(setting.Keyword) && setting.Value.Length > 0)
                {
                    settings[setting.Keyword] = setting;
                }
            }
        }

        foreach (var parameter in LibpqParameters.All)
        {
            if (parameter is { EnvironmentVariable: { } variable, Handling: not LibpqParameterHandling.Unsupported }
                && parameter.Keyword is not (LibpqParameters.Service or LibpqParameters.ServiceFile)
                && !IsGiven(parameter.Keyword)
                && environment.TryGetValue(variable, out var value)
                && value.Length > 0)
            {
                settings[parameter.Keyword] = new ConnectionSetting(parameter.Keyword, value, variable);
            }
        }

        Apply(builder, settings, givenByNpgsql);
        builder.Username ??= _operatingSystemUser;
        builder.Database ??= builder.Username;

        if (string.IsNullOrEmpty(builder.Password))
        {
            var passwordFile = settings.TryGetValue(LibpqParameters.PasswordFile, out var passfile)
                ? passfile.Value
                : builder.Passfile ?? HomeFile(environment, ".pgpass");
            await ReadPasswordFileAsync(builder, passwordFile, cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrEmpty(builder.Password) && !OperatingSystem.IsWindows())
        {
            // Without a password Npgsql would read ~/.pgpass (or PGPASSFILE) itself when the server asks for one, from
            // the live process rather than this snapshot and without libpq's permission check, so a file ignored
            // above would be used after all. An empty password file makes "no password" final.
            builder.Passfile = "/dev/null";
        }

        var resolved = new ResolvedConnection(builder);
        ConnectionsLog.ConnectionResolved(_logger, resolved.Host, resolved.Port, resolved.Database, resolved.Username);
        return resolved;
    }

    private static void AddExplicit(
        Dictionary<string, ConnectionSetting> settings, IReadOnlyDictionary<string, string> keywords, string source)
    {
        foreach (var (keyword, value) in keywords)
        {
            // An empty value counts as not given, so that the environment and defaults still fill it.
            if (value.Length > 0)
            {
                settings[keyword] = new ConnectionSetting(keyword, value, source);
            }
        }
    }

    private static NpgsqlConnectionStringBuilder ParseNpgsqlConnectionString(string connection)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connection);
        }
        catch (ArgumentException e)
        {
            // Npgsql names the keyword it could not set; in a string cut in the wrong place that can be a piece of
            // the password, so its words are repeated only when the string cannot hold one.
            var safe = e.Message.StartsWith("Format of the initialization string", StringComparison.Ordinal)
                || !PasswordRedaction.MayContainPassword(connection);
            throw safe
                ? new ConnectionConfigurationException(
                    "connection string: not a valid Npgsql connection string: " + e.Message, e)
                : new ConnectionConfigurationException(
                    "connection string: not a valid Npgsql connection string (an unknown keyword or a bad value; "
                    + "the details are not shown because the string holds a password)");
        }
    }

    private static string? HomeFile(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue("HOME", out var home) && home.Length > 0 ? Path.Combine(home, name) : null;

    private static string Format(int number) => number.ToString(CultureInfo.InvariantCulture);

    private static ImmutableArray<string> SplitList(string list) => [.. list.Split(',').Select(item => item.Trim())];
}
