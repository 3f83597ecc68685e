using System.Diagnostics;

namespace Cutover.Benchmarks;

/// <summary>Runs a program to completion, draining its output, and fails with its stderr and stdout when it exits
/// non-zero; returns its stdout.</summary>
internal static class ChildProcess
{
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        // Both pipes at once: a tool that fills one while we wait on the other would hang.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} exited with {process.ExitCode}: {await error}{await output}");
        }

        return await output;
    }
}
