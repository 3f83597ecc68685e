using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Npgsql;

namespace Cutover.Connections;

/// <summary>The libpq connection keywords Cutover understands, with their environment variables and their Npgsql
/// equivalents (libpq's <c>PQconninfoOptions</c>, PostgreSQL 18).</summary>
internal static class LibpqParameters
{
    public const string Host = "host";
    public const string HostAddress = "hostaddr";
    public const string Port = "port";
    public const string Database = "dbname";
    public const string User = "user";
    public const string Password = "password";
    public const string PasswordFile = "passfile";
    public const string Service = "service";
    public const string ServiceFile = "servicefile";
    public const string ApplicationName = "application_name";
    public const string FallbackApplicationName = "fallback_application_name";
    public const string SslMode = "sslmode";

    /// <summary>Every known keyword, in the order the resolver applies them.</summary>
    public static readonly IReadOnlyList<LibpqParameter> All =
    [
        new(Host, "PGHOST", "Host", LibpqParameterHandling.Resolver),
        new(HostAddress, "PGHOSTADDR", "Host", LibpqParameterHandling.Resolver),
        new(Port, "PGPORT", "Port", LibpqParameterHandling.Resolver),
        new(Database, "PGDATABASE", "Database", LibpqParameterHandling.Mapped, (b, v) => b.Database = v),
        new(User, "PGUSER", "Username", LibpqParameterHandling.Mapped, (b, v) => b.Username = v),
        new(Password, "PGPASSWORD", "Password", LibpqParameterHandling.Mapped, (b, v) => b.Password = v,
            IsSecret: true),
        new(PasswordFile, "PGPASSFILE", "Passfile", LibpqParameterHandling.Resolver),
        new(Service, "PGSERVICE", null, LibpqParameterHandling.Resolver),
        new(ServiceFile, "PGSERVICEFILE", null, LibpqParameterHandling.Resolver),
        new("options", "PGOPTIONS", "Options", LibpqParameterHandling.Mapped, (b, v) => b.Options = v),
        new(ApplicationName, "PGAPPNAME", "Application Name", LibpqParameterHandling.Mapped,
            (b, v) => b.ApplicationName = v),
        new(FallbackApplicationName, null, "Application Name", LibpqParameterHandling.Resolver),
        new("connect_timeout", "PGCONNECT_TIMEOUT", "Timeout", LibpqParameterHandling.Mapped,
            (b, v) => b.Timeout = ParseConnectTimeout(v)),
        new("client_encoding", "PGCLIENTENCODING", "Client Encoding", LibpqParameterHandling.Mapped,
            (b, v) => b.ClientEncoding = v),
        new(SslMode, "PGSSLMODE", "SSL Mode", LibpqParameterHandling.Mapped, (b, v) => b.SslMode = ParseSslMode(v)),
        new("sslnegotiation", "PGSSLNEGOTIATION", "SSL Negotiation", LibpqParameterHandling.Mapped,
            (b, v) => b.SslNegotiation = v switch
            {
                "postgres" => SslNegotiation.Postgres,
                "direct" => SslNegotiation.Direct,
                _ => throw new FormatException("expected postgres or direct"),
            }),
        new("sslcert", "PGSSLCERT", "SSL Certificate", LibpqParameterHandling.Mapped, (b, v) => b.SslCertificate = v),
        new("sslkey", "PGSSLKEY", "SSL Key", LibpqParameterHandling.Mapped, (b, v) => b.SslKey = v),
        new("sslpassword", null, "SSL Password", LibpqParameterHandling.Mapped, (b, v) => b.SslPassword = v,
            IsSecret: true),
        new("sslrootcert", "PGSSLROOTCERT", "Root Certificate", LibpqParameterHandling.Mapped,
            (b, v) => b.RootCertificate = v),
        new("gssencmode", "PGGSSENCMODE", "GSS Encryption Mode", LibpqParameterHandling.Mapped,
            (b, v) => b.GssEncryptionMode = v switch
            {
                "disable" => GssEncryptionMode.Disable,
                "prefer" => GssEncryptionMode.Prefer,
                "require" => GssEncryptionMode.Require,
                _ => throw new FormatException("expected disable, prefer or require"),
            }),
        new("channel_binding", "PGCHANNELBINDING", "Channel Binding", LibpqParameterHandling.Mapped,
            (b, v) => b.ChannelBinding = v switch
            {
                "disable" => ChannelBinding.Disable,
                "prefer" => ChannelBinding.Prefer,
                "require" => ChannelBinding.Require,
                _ => throw new FormatException("expected disable, prefer or require"),
            }),
        new("require_auth", "PGREQUIREAUTH", "Require Auth", LibpqParameterHandling.Mapped,
            (b, v) => b.RequireAuth = ParseRequireAuth(v)),
        new("krbsrvname", "PGKRBSRVNAME", "Kerberos Service Name", LibpqParameterHandling.Mapped,
            (b, v) => b.KerberosServiceName = v),
        new("target_session_attrs", "PGTARGETSESSIONATTRS", "Target Session Attributes",
            LibpqParameterHandling.Mapped, (b, v) => b.TargetSessionAttributes = v),
        new("load_balance_hosts", "PGLOADBALANCEHOSTS", "Load Balance Hosts", LibpqParameterHandling.Mapped,
            (b, v) => b.LoadBalanceHosts = v switch
            {
                "disable" => false,
                "random" => true,
                _ => throw new FormatException("expected disable or random"),
            }),
        new("keepalives", null, "TCP Keepalive", LibpqParameterHandling.Mapped,
            (b, v) => b.TcpKeepAlive = ParseInteger(v) != 0),
        new("keepalives_idle", null, "TCP Keepalive Time", LibpqParameterHandling.Mapped,
            (b, v) => b.TcpKeepAliveTime = ParseInteger(v)),
        new("keepalives_interval", null, "TCP Keepalive Interval", LibpqParameterHandling.Mapped,
            (b, v) => b.TcpKeepAliveInterval = ParseInteger(v)),

        // libpq keywords Npgsql cannot honour. Their environment variables are not read, as if they were unset.
        new("keepalives_count", null, null, LibpqParameterHandling.Unsupported),
        new("tcp_user_timeout", null, null, LibpqParameterHandling.Unsupported),
        new("replication", null, null, LibpqParameterHandling.Unsupported),
        new("sslcompression", null, null, LibpqParameterHandling.Unsupported),
        new("sslcertmode", null, null, LibpqParameterHandling.Unsupported),
        new("sslcrl", null, null, LibpqParameterHandling.Unsupported),
        new("sslcrldir", null, null, LibpqParameterHandling.Unsupported),
        new("sslsni", null, null, LibpqParameterHandling.Unsupported),
        new("sslkeylogfile", null, null, LibpqParameterHandling.Unsupported),
        new("requirepeer", null, null, LibpqParameterHandling.Unsupported),
        new("ssl_min_protocol_version", null, null, LibpqParameterHandling.Unsupported),
        new("ssl_max_protocol_version", null, null, LibpqParameterHandling.Unsupported),
        new("min_protocol_version", null, null, LibpqParameterHandling.Unsupported),
        new("max_protocol_version", null, null, LibpqParameterHandling.Unsupported),
        new("gsslib", null, null, LibpqParameterHandling.Unsupported),
        new("gssdelegation", null, null, LibpqParameterHandling.Unsupported),
        new("scram_client_key", null, null, LibpqParameterHandling.Unsupported),
        new("scram_server_key", null, null, LibpqParameterHandling.Unsupported),
        new("oauth_issuer", null, null, LibpqParameterHandling.Unsupported),
        new("oauth_client_id", null, null, LibpqParameterHandling.Unsupported),
        new("oauth_client_secret", null, null, LibpqParameterHandling.Unsupported),
        new("oauth_scope", null, null, LibpqParameterHandling.Unsupported),
    ];

    private static readonly FrozenDictionary<string, LibpqParameter> ByKeyword =
        All.ToFrozenDictionary(p => p.Keyword, StringComparer.Ordinal);

    /// <summary>Finds a keyword; libpq keywords are case-sensitive.</summary>
    public static bool TryGet(string keyword, [NotNullWhen(true)] out LibpqParameter? parameter) =>
        ByKeyword.TryGetValue(keyword, out parameter);

    /// <summary>The keyword of <paramref name="setting"/>, or an error located where it was read unless it is a
    /// keyword Cutover can honour.</summary>
    public static LibpqParameter GetSupported(ConnectionSetting setting) =>
        !TryGet(setting.Keyword, out var parameter)
            ? throw setting.Error($"unknown connection keyword \"{setting.Keyword}\"")
            : parameter.Handling == LibpqParameterHandling.Unsupported
                ? throw setting.Error(
                    $"connection keyword \"{setting.Keyword}\" is not supported (Npgsql has no equivalent)")
                : parameter;

    /// <summary>Parses a port the way libpq does: decimal, 1 to 65535.</summary>
    public static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;

    private static int ParseInteger(string value) =>
        int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException("expected an integer");

    private static int ParseConnectTimeout(string value)
    {
        var seconds = ParseInteger(value);

        // libpq: 0 or less waits forever, and 1 second is raised to 2 because of rounding in its timer.
        return seconds switch
        {
            <= 0 => 0,
            1 => 2,
            > 1024 => throw new FormatException("Npgsql allows at most 1024 seconds"),
            _ => seconds,
        };
    }

    private static SslMode ParseSslMode(string value) => value switch
    {
        "disable" => Npgsql.SslMode.Disable,
        "allow" => Npgsql.SslMode.Allow,
        "prefer" => Npgsql.SslMode.Prefer,
        "require" => Npgsql.SslMode.Require,
        "verify-ca" => Npgsql.SslMode.VerifyCA,
        "verify-full" => Npgsql.SslMode.VerifyFull,
        _ => throw new FormatException("expected disable, allow, prefer, require, verify-ca or verify-full"),
    };

    // libpq spells methods as in pg_hba.conf; Npgsql wants its enum names. A leading '!' negates in both.
    private static string ParseRequireAuth(string value) => string.Join(',', value.Split(',').Select(method =>
    {
        var negated = method.StartsWith('!');
        var name = (negated ? method[1..] : method) switch
        {
            "password" => "Password",
            "md5" => "MD5",
            "gss" => "GSS",
            "sspi" => "SSPI",
            "scram-sha-256" => "ScramSHA256",
            "none" => "None",
            _ => throw new FormatException("expected a list of password, md5, gss, sspi, scram-sha-256 or none"),
        };
        return negated ? "!" + name : name;
    }));
}
