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
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
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

        using var process = Process.Start(start) ?? throw new SnapshotException("/bin/sh: could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }
}
