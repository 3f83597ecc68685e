using System.Collections.Immutable;
using System.Globalization;

namespace Cutover.Connections;

/// <summary>One server to try: a host name, IP address or Unix socket folder, and a port.</summary>
/// <param name="Host">The host name, IP address (IPv6 without brackets) or socket folder (starting with <c>/</c>).</param>
/// <param name="Port">The TCP port, or the number in the socket file name <c>.s.PGSQL.5432</c>.</param>
internal readonly record struct ServerEndpoint(string Host, int Port)
{
    /// <summary>Whether <see cref="Host"/> is a Unix socket folder, which libpq and Npgsql recognise by a leading
    /// slash.</summary>
    public bool IsSocketDirectory => Host.StartsWith('/');

    /// <summary>Reads an Npgsql <c>Host</c> value: one host (whose port is <paramref name="defaultPort"/>), or a
    /// comma-separated list whose entries may carry their own port (<c>db1:5433,[::1]:5434,/run/pg:5435</c>).</summary>
    public static ImmutableArray<ServerEndpoint> ParseList(string host, int defaultPort)
    {
        ArgumentNullException.ThrowIfNull(host);

        // Npgsql splits host and port only when there are several hosts: a single socket folder may contain ':'.
        if (!host.Contains(',', StringComparison.Ordinal))
        {
            return [new ServerEndpoint(Unbracket(host.Trim()), defaultPort)];
        }

        return [.. host.Split(',').Select(entry => ParseEntry(entry.Trim(), defaultPort))];
    }

    /// <summary>How Npgsql writes this endpoint in a host list, which is also how it is described:
    /// <c>db1:5432</c>, <c>[::1]:5432</c>, <c>/run/postgresql:5432</c>.</summary>
    public override string ToString() =>
        (Host.Contains(':', StringComparison.Ordinal) && !IsSocketDirectory ? "[" + Host + "]" : Host)
        + ":" + Port.ToString(CultureInfo.InvariantCulture);

    private static ServerEndpoint ParseEntry(string entry, int defaultPort)
    {
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']', StringComparison.Ordinal);
            if (close > 0 && close + 1 < entry.Length && entry[close + 1] == ':'
                && LibpqParameters.TryParsePort(entry[(close + 2)..], out var bracketedPort))
            {
                return new ServerEndpoint(entry[1..close], bracketedPort);
            }

            return new ServerEndpoint(Unbracket(entry), defaultPort);
        }

        var colon = entry.LastIndexOf(':');
        var isBareIPv6 = !entry.StartsWith('/') && entry.IndexOf(':', StringComparison.Ordinal) != colon;
        return colon > 0 && !isBareIPv6 && LibpqParameters.TryParsePort(entry[(colon + 1)..], out var port)
            ? new ServerEndpoint(entry[..colon], port)
            : new ServerEndpoint(entry, defaultPort);
    }

    private static string Unbracket(string host) =>
        host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
}
