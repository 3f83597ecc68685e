using System.Text;

namespace Cutover.Connections;

/// <summary>Parses a libpq connection URI
/// (<c>postgresql://[user[:password]@][host][:port][,...][/dbname][?keyword=value&amp;...]</c>) into libpq keywords,
/// following libpq's <c>conninfo_uri_parse_options</c>.</summary>
/// <remarks>Every part is percent-decoded, so a Unix socket folder can be the host
/// (<c>postgresql://%2Fvar%2Frun%2Fpostgresql/app</c>); IPv6 addresses go in brackets (<c>[::1]:5433</c>); several
/// hosts are separated by commas, each with an optional port, giving libpq's parallel <c>host</c> and <c>port</c>
/// lists. Query parameters override the parts before them, as in libpq.</remarks>
internal static class PostgresUri
{
    /// <summary>What error messages call the input.</summary>
    public const string Source = "connection URI";

    private static readonly string[] Schemes = ["postgresql://", "postgres://"];

    /// <summary>Whether <paramref name="text"/> starts with a scheme libpq accepts (case-sensitive, as in libpq).</summary>
    public static bool IsUri(string text) =>
        Schemes.Any(scheme => text.StartsWith(scheme, StringComparison.Ordinal));

    /// <summary>Parses <paramref name="uri"/> into libpq keywords and their decoded values.</summary>
    /// <exception cref="ConnectionConfigurationException">The URI is malformed or names an unknown parameter.</exception>
    public static IReadOnlyDictionary<string, string> Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var scheme = Schemes.FirstOrDefault(s => uri.StartsWith(s, StringComparison.Ordinal))
            ?? throw Error("does not start with postgresql:// or postgres://");
        var keywords = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = scheme.Length;

        // User information runs up to an '@' that comes before any '/'; without one, the URI starts at the host.
        var end = uri.IndexOfAny(['@', '/'], position);
        if (end >= 0 && uri[end] == '@')
        {
            var userInformation = uri[position..end];
            var colon = userInformation.IndexOf(':', StringComparison.Ordinal);
            var user = colon < 0 ? userInformation : userInformation[..colon];
            Store(keywords, LibpqParameters.User, user);
            if (colon >= 0)
            {
                Store(keywords, LibpqParameters.Password, userInformation[(colon + 1)..]);
            }

            position = end + 1;
        }

        var hosts = new StringBuilder();
        var ports = new StringBuilder();
        char terminator;
        while (true)
        {
            if (position < uri.Length && uri[position] == '[')
            {
                var close = uri.IndexOf(']', position);
                if (close < 0)
                {
                    throw Error("IPv6 address has no closing \"]\"");
                }

                if (close == position + 1)
                {
                    throw Error("IPv6 address in brackets is empty");
                }

                hosts.Append(uri, position + 1, close - position - 1);
                position = close + 1;
                if (position < uri.Length && uri[position] is not (':' or '/' or '?' or ','))
                {
                    throw Error(FormattableString.Invariant(
                        $"unexpected character at position {position + 1} after an IPv6 address (expected \":\", \"/\", \"?\" or \",\")"));
                }
            }
            else
            {
                var hostEnd = IndexOfAnyOrEnd(uri, position, ':', '/', '?', ',');
                hosts.Append(uri, position, hostEnd - position);
                position = hostEnd;
            }

            terminator = position < uri.Length ? uri[position] : '\0';
            if (terminator == ':')
            {
                var portEnd = IndexOfAnyOrEnd(uri, position + 1, '/', '?', ',');
                ports.Append(uri, position + 1, portEnd - position - 1);
                position = portEnd;
                terminator = position < uri.Length ? uri[position] : '\0';
            }

            if (terminator != ',')
            {
                break;
            }

            hosts.Append(',');
            ports.Append(',');
            position++;
        }

        Store(keywords, LibpqParameters.Host, hosts.ToString());
        Store(keywords, LibpqParameters.Port, ports.ToString());
        if (keywords.TryGetValue(LibpqParameters.Port, out var portList))
        {
            foreach (var port in portList.Split(','))
            {
                if (port.Length > 0 && !LibpqParameters.TryParsePort(port, out _))
                {
                    // A password with an unencoded '/' moves part of itself here: "ana:pa/ss@db" has no user part.
                    throw Error($"invalid port {PasswordRedaction.Quote(uri, port)}");
                }
            }
        }

        if (terminator == '/')
        {
            var databaseEnd = IndexOfAnyOrEnd(uri, position + 1, '?');

            // An empty database is left unset (not ""), so that PGDATABASE and the default still apply, as in libpq.
            Store(keywords, LibpqParameters.Database, uri[(position + 1)..databaseEnd]);
            position = databaseEnd;
            terminator = position < uri.Length ? uri[position] : '\0';
        }

        if (terminator == '?')
        {
            ParseQuery(uri, uri[(position + 1)..], keywords);
        }

        return keywords;
    }

    private static void ParseQuery(string uri, string query, Dictionary<string, string> keywords)
    {
        var index = 0;
        foreach (var parameter in query.Split('&'))
        {
            index++;
            if (parameter.Length == 0)
            {
                continue;
            }

            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw Error(FormattableString.Invariant($"query parameter {index} has no \"=\""));
            }

            if (parameter.IndexOf('=', equals + 1) >= 0)
            {
                throw Error(FormattableString.Invariant($"query parameter {index} has more than one \"=\""));
            }

            var keyword = Decode(parameter[..equals], "a query parameter name");
            if (keyword != "ssl" && !LibpqParameters.TryGet(keyword, out _))
            {
                throw Error(FormattableString.Invariant(
                    $"query parameter {index} {PasswordRedaction.Quote(uri, keyword)} is not a libpq connection keyword"));
            }

            var value = Decode(parameter[(equals + 1)..], "the value of " + keyword);

            // libpq accepts the JDBC spelling ssl=true as sslmode=require.
            if (keyword == "ssl")
            {
                if (value != "true")
                {
                    throw Error("query parameter ssl accepts only true");
                }

                keywords[LibpqParameters.SslMode] = "require";
                continue;
            }

            keywords[keyword] = value;
        }
    }

    private static void Store(Dictionary<string, string> keywords, string keyword, string encoded)
    {
        // Empty parts are left unset, so that the environment and defaults fill them, as in libpq.
        if (encoded.Length > 0)
        {
            keywords[keyword] = Decode(encoded, "the " + keyword);
        }
    }

    private static int IndexOfAnyOrEnd(string text, int start, params char[] characters)
    {
        var index = text.IndexOfAny(characters, start);
        return index < 0 ? text.Length : index;
    }

    /// <summary>Percent-decodes like libpq: only <c>%XX</c> (no <c>+</c> for space), as UTF-8, no NUL.</summary>
    private static string Decode(string encoded, string what)
    {
        if (!encoded.Contains('%', StringComparison.Ordinal))
        {
            return encoded;
        }

        var bytes = new List<byte>(encoded.Length);
        var position = 0;
        while (position < encoded.Length)
        {
            var percent = encoded.IndexOf('%', position);
            if (percent < 0)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(encoded[position..]));
                break;
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(encoded[position..percent]));
            if (percent + 2 >= encoded.Length
                || !char.IsAsciiHexDigit(encoded[percent + 1])
                || !char.IsAsciiHexDigit(encoded[percent + 2]))
            {
                throw Error("invalid percent-encoding in " + what);
            }

            var value = Convert.ToByte(encoded.Substring(percent + 1, 2), 16);
            if (value == 0)
            {
                throw Error("forbidden %00 in " + what);
            }

            bytes.Add(value);
            position = percent + 3;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            throw Error("percent-encoding in " + what + " is not UTF-8");
        }
    }

    private static ConnectionConfigurationException Error(string problem) => new(Source + ": " + problem);
}
