using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Cutover.Snapshots;

/// <summary>Runs PostgreSQL's client programs (<c>pg_dump</c>, <c>pg_restore</c>) against the cache's server, passing
/// the connection through libpq's <c>PG*</c> variables so no password appears on a command line.</summary>
internal sealed class ClientPrograms(string? toolDirectory, NpgsqlConnectionStringBuilder server)
{
    public async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = Locate(program);
        var start = new ProcessStartInfo(path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Environment(server, database: null))
        {
            start.Environment[name] = value;
        }

        int exitCode;
        string output;
        try
        {
            (exitCode, output) = await ChildProcess.RunAsync(start, cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SnapshotException(
                $"{path}: could not be started ({e.Message}); install the PostgreSQL client programs or set the tool folder", e);
        }

        if (exitCode != 0)
        {
            throw new SnapshotException($"{program} exited with {exitCode}: {output.Trim()}");
        }
    }

    /// <summary>libpq variables for <paramref name="builder"/>'s server, and <c>PGDATABASE</c> when a database is
    /// given. The password travels only in the child's environment.</summary>
    public static Dictionary<string, string> Environment(NpgsqlConnectionStringBuilder builder, string? database)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (builder.Host is { } host)
        {
            variables["PGHOST"] = host;
        }

        variables["PGPORT"] = builder.Port.ToString(CultureInfo.InvariantCulture);
        if (builder.Username is { } user)
        {
            variables["PGUSER"] = user;
        }

        if (builder.Password is { } password)
        {
            variables["PGPASSWORD"] = password;
        }

        if (database is not null)
        {
            variables["PGDATABASE"] = database;
        }

        return variables;
    }

    private string Locate(string program)
    {
        if (toolDirectory is not null)
        {
            return Path.Combine(toolDirectory, program);
        }

        return program;
    }

    /// <summary>The Debian folder of the server's major version, when it exists: pg_dump refuses servers newer than
    /// itself, and Debian puts an older default on PATH when several versions are installed.</summary>
    public static string? DefaultToolDirectory(int majorVersion)
    {
        var debian = Path.Combine("/usr/lib/postgresql", majorVersion.ToString(CultureInfo.InvariantCulture), "bin");
        return File.Exists(Path.Combine(debian, "pg_dump")) ? debian : null;
    }
}
