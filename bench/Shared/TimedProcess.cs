using System.Diagnostics;

namespace Cutover.Bench;

/// <summary>Runs a program to its end and times the whole process, start-up included, as a shell would see it.
/// </summary>
internal static class TimedProcess
{
    // The machine's libpq settings must not steer a measured program to another server.
    private static readonly string[] LibpqVariables =
        ["PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGSERVICE", "PGSERVICEFILE", "PGPASSFILE", "PGOPTIONS"];

    /// <summary>Runs <paramref name="command"/> (a program and its leading arguments, e.g. <c>dotnet x.dll</c>) with
    /// <paramref name="arguments"/>; throws unless it exits with one of <paramref name="exitCodes"/> (0 when
    /// none).</summary>
    public static async Task<(TimeSpan Elapsed, string Output)> RunAsync(
        IReadOnlyList<string> command, IEnumerable<string> arguments, params int[] exitCodes)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in LibpqVariables)
        {
            start.Environment.Remove(variable);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command[0]} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var elapsed = watch.Elapsed;
        if (!(exitCodes.Length == 0 ? [0] : exitCodes).Contains(process.ExitCode))
        {
            throw new InvalidOperationException(
                $"{string.Join(' ', command)} {string.Join(' ', start.ArgumentList.Skip(command.Count))}: exit " +
                $"{process.ExitCode}: {await error}");
        }

        return (elapsed, await output);
    }
}
