using Npgsql;

namespace Cutover.Connections;

public sealed partial class ConnectionResolver
{
    /// <summary>Sets the password from the first matching line of the password file, trying each host in turn, unless
    /// libpq would refuse the file.</summary>
    private async Task ReadPasswordFileAsync(
        NpgsqlConnectionStringBuilder builder, string? path, CancellationToken cancellationToken)
    {
        if (path is null || (!File.Exists(path) && !Directory.Exists(path)))
        {
            return;
        }

        if (PgPassFile.FindReasonToIgnore(path) is { } reason)
        {
            ConnectionsLog.PasswordFileIgnored(_logger, path, reason);
            return;
        }

        PgPassFile file;
        try
        {
            file = await PgPassFile.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // libpq, too, carries on without a password when it cannot open the file.
            ConnectionsLog.PasswordFileIgnored(_logger, path, "it cannot be read: " + e.Message);
            return;
        }

        foreach (var endpoint in ServerEndpoint.ParseList(builder.Host!, builder.Port))
        {
            // libpq looks up a connection through its default socket folder as "localhost", any other by its path.
            var host = endpoint.IsSocketDirectory
                && string.Equals(endpoint.Host.TrimEnd('/'), _defaultSocketDirectory, StringComparison.Ordinal)
                    ? "localhost"
                    : endpoint.Host;
            if (file.FindFirstMatch(host, Format(endpoint.Port), builder.Database!, builder.Username!) is { } entry)
            {
                builder.Password = entry.Password;
                ConnectionsLog.PasswordFromFile(_logger, builder.Username!, path, entry.Line);
                return;
            }
        }
    }
}
