using System.Collections.Immutable;
using System.Diagnostics;

namespace Cutover.Snapshots;

/// <summary>Runs a test command through <c>/bin/sh -c</c> with a database's variables and collects its output.</summary>
internal static class TestCommand
{
    // Variables that would point libpq somewhere other than the clone.
    private static readonly ImmutableArray<string> Inherited = ["PGSERVICE", "PGSERVICEFILE", "PGHOSTADDR", "DATABASE_URL"];

    public static async Task<(int ExitCode, string Output)> RunAsync(
        string commandLine, string? workingDirectory, IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory ?? "" };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);
        foreach (var name in Inherited)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        try
        {
            return await ChildProcess.RunAsync(start, cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SnapshotException("/bin/sh: could not be started (" + e.Message + ")", e);
        }
    }
}
