using System.Diagnostics;
using System.Globalization;

namespace Cutover.Snapshots;

/// <summary>Runs PostgreSQL's client programs (<c>pg_dump</c>, <c>pg_restore</c>) against the cache's server, passing
/// the connection through libpq's <c>PG*</c> variables so no password appears on a command line.</summary>
/// <param name="toolDirectory">Where the programs are; PATH when null.</param>
/// <param name="environment">The server's libpq variables (<see cref="Connections.DatabaseServer.EnvironmentFor"/>).</param>
internal sealed class ClientPrograms(string? toolDirectory, IReadOnlyDictionary<string, string> environment)
{
    public async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = Locate(program);
        var start = new ProcessStartInfo(path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
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
