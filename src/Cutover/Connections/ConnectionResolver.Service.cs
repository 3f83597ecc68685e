using System.Collections.Immutable;

namespace Cutover.Connections;

public sealed partial class ConnectionResolver
{
    private const string ServiceOrigin = "connection target";

    /// <summary>The service to read, with where it was named: the target's URI or keyword/value string, the target's
    /// service name (both only if they agree), else <c>PGSERVICE</c>.</summary>
    private static ConnectionSetting? FindServiceName(
        ConnectionTarget target, Dictionary<string, ConnectionSetting> settings,
        IReadOnlyDictionary<string, string> environment)
    {
        if (settings.Remove(LibpqParameters.Service, out var fromConnection))
        {
            if (target.ServiceName is { } other && !string.Equals(other, fromConnection.Value, StringComparison.Ordinal))
            {
                throw fromConnection.Error(
                    $"names service \"{fromConnection.Value}\" but the target also names service \"{other}\"");
            }

            return fromConnection;
        }

        if (target.ServiceName is { } serviceName)
        {
            return new ConnectionSetting(LibpqParameters.Service, serviceName, ServiceOrigin);
        }

        return environment.TryGetValue("PGSERVICE", out var fromEnvironment) && fromEnvironment.Length > 0
            ? new ConnectionSetting(LibpqParameters.Service, fromEnvironment, "PGSERVICE")
            : null;
    }

    /// <summary>Reads the service from the user's service file, or else the system one, as libpq does: the first file
    /// that defines the service is the only one used.</summary>
    private async Task<ImmutableArray<ConnectionSetting>> ReadServiceAsync(
        ConnectionSetting service, Dictionary<string, ConnectionSetting> settings,
        IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var userFile = settings.TryGetValue(LibpqParameters.ServiceFile, out var serviceFile) ? serviceFile.Value
            : environment.TryGetValue("PGSERVICEFILE", out var fromEnvironment) && fromEnvironment.Length > 0
                ? fromEnvironment
                : HomeFile(environment, ".pg_service.conf");
        var systemFolder = environment.TryGetValue("PGSYSCONFDIR", out var folder) && folder.Length > 0
            ? folder
            : DefaultSystemConfigurationDirectory;
        var searched = new List<string>(2);
        foreach (var path in new[] { userFile, Path.Combine(systemFolder, "pg_service.conf") })
        {
            if (path is null)
            {
                continue;
            }

            var file = await PgServiceFile.LoadAsync(path, cancellationToken).ConfigureAwait(false);
            searched.Add(file is null ? path + " (no such file)" : path);
            if (file is not null && file.TryGetService(service.Value, out var serviceSettings))
            {
                ConnectionsLog.ServiceRead(_logger, service.Value, path);
                return serviceSettings;
            }
        }

        throw service.Error(
            $"connection service \"{service.Value}\" is not defined in {string.Join(" or ", searched)}");
    }
}
