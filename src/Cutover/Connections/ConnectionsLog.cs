using Microsoft.Extensions.Logging;

namespace Cutover.Connections;

/// <summary>The log messages of <c>Cutover.Connections</c>. None of them carries a password, a connection string or
/// the contents of a service or password file.</summary>
internal static partial class ConnectionsLog
{
    [LoggerMessage(EventId = CutoverEventIds.ConnectionResolved, Level = LogLevel.Debug,
        Message = "Resolved connection to {Host}:{Port}/{Database} as {Username}")]
    public static partial void ConnectionResolved(ILogger logger, string host, int port, string database, string username);

    [LoggerMessage(EventId = CutoverEventIds.ConnectionServiceRead, Level = LogLevel.Debug,
        Message = "Read connection service {ServiceName} from {FilePath}")]
    public static partial void ServiceRead(ILogger logger, string serviceName, string filePath);

    [LoggerMessage(EventId = CutoverEventIds.PasswordFileIgnored, Level = LogLevel.Warning,
        Message = "Ignoring password file {FilePath}: {Reason}")]
    public static partial void PasswordFileIgnored(ILogger logger, string filePath, string reason);

    [LoggerMessage(EventId = CutoverEventIds.PasswordFromFile, Level = LogLevel.Debug,
        Message = "Using the password for {Username} from {FilePath} line {Line}")]
    public static partial void PasswordFromFile(ILogger logger, string username, string filePath, int line);

    [LoggerMessage(EventId = CutoverEventIds.DataSourceCreated, Level = LogLevel.Debug,
        Message = "Created data source for {Host}:{Port}/{Database} as {Username} with application name {ApplicationName}")]
    public static partial void DataSourceCreated(
        ILogger logger, string host, int port, string database, string username, string applicationName);
}
