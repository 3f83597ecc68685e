using Npgsql;

namespace Cutover.Connections;

public sealed partial class ConnectionResolver
{
    private void Apply(
        NpgsqlConnectionStringBuilder builder, Dictionary<string, ConnectionSetting> settings,
        HashSet<string> givenByNpgsql)
    {
        foreach (var setting in settings.Values)
        {
            LibpqParameters.GetSupported(setting);
        }

        ApplyHosts(builder, settings, givenByNpgsql.Contains("Host"));

        foreach (var parameter in LibpqParameters.All)
        {
            if (parameter.Apply is null || !settings.TryGetValue(parameter.Keyword, out var setting))
            {
                continue;
            }

            try
            {
                parameter.Apply(builder, setting.Value);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw parameter.IsSecret
                    ? setting.Error($"invalid {parameter.Keyword}")
                    : setting.Error($"invalid {parameter.Keyword} \"{setting.Value}\": {e.Message}");
            }
        }

        if (builder.ApplicationName is null
            && settings.TryGetValue(LibpqParameters.FallbackApplicationName, out var fallback))
        {
            builder.ApplicationName = fallback.Value;
        }
    }

    /// <summary>Sets Npgsql's <c>Host</c> and <c>Port</c> from libpq's parallel <c>host</c> and <c>port</c> lists:
    /// one port for all hosts or one per host, an empty entry meaning the default.</summary>
    private void ApplyHosts(
        NpgsqlConnectionStringBuilder builder, Dictionary<string, ConnectionSetting> settings, bool hostGivenByNpgsql)
    {
        var host = Find(settings, LibpqParameters.Host);
        var hostAddress = Find(settings, LibpqParameters.HostAddress);
        var port = Find(settings, LibpqParameters.Port);

        // libpq connects to hostaddr and uses host only to check certificates and find passwords; Npgsql has one
        // host, so hostaddr is taken only in place of host.
        if (host is { } named && hostAddress is { } address)
        {
            throw address.Error(
                $"hostaddr cannot be combined with host (from {named.Source}): Npgsql connects to host; give only one");
        }

        string[] hosts = (host ?? hostAddress) is { } hostList ? [.. SplitList(hostList.Value)]
            : hostGivenByNpgsql ? [builder.Host!]
            : [""];
        var ports = port is { } p ? SplitList(p.Value) : [""];
        if (hostGivenByNpgsql && ports.Length > 1)
        {
            throw port!.Value.Error(FormattableString.Invariant(
                $"a list of {ports.Length} ports needs its hosts in the same form; the connection string gives Host"));
        }

        if (ports.Length != 1 && ports.Length != hosts.Length)
        {
            throw port!.Value.Error(FormattableString.Invariant(
                $"could not match {ports.Length} port numbers to {hosts.Length} hosts"));
        }

        var endpoints = hosts.Select((name, index) => new ServerEndpoint(
            name.Length == 0 ? DefaultHost() : name,
            ParsePort(port, ports.Length == 1 ? ports[0] : ports[index], builder.Port))).ToList();
        if (hostGivenByNpgsql || endpoints.Count == 1)
        {
            // A single host stays bare: Npgsql splits "host:port" only in a list, and a socket folder may hold ':'.
            builder.Host = endpoints[0].Host;
            builder.Port = endpoints[0].Port;
        }
        else
        {
            builder.Host = string.Join(',', endpoints);
        }
    }

    private static ConnectionSetting? Find(Dictionary<string, ConnectionSetting> settings, string keyword) =>
        settings.TryGetValue(keyword, out var setting) ? setting : null;

    private static int ParsePort(ConnectionSetting? setting, string text, int defaultPort) =>
        text.Length == 0 ? defaultPort
        : LibpqParameters.TryParsePort(text, out var port) ? port
        : throw setting!.Value.Error($"invalid port \"{text}\"");

    private string DefaultHost() => Directory.Exists(_defaultSocketDirectory) ? _defaultSocketDirectory : "localhost";
}
