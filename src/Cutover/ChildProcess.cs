using System.Diagnostics;

namespace Cutover;

/// <summary>Runs a program to its end and collects what it printed; the one way the library starts processes
/// (pg_dump, pg_restore, test commands, initdb).</summary>
internal static class ChildProcess
{
    /// <summary>Starts <paramref name="start"/> with both output streams captured, waits for it, and returns its exit
    /// code with stdout followed by stderr. Cancelling kills the whole process tree, so nothing outlives the caller.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"{start.FileName}: no process was started");

        // Both pipes are drained while waiting: a child that fills one would otherwise block forever.
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
