using Cutover.Snapshots;

namespace Cutover.Cli.Output;

/// <summary>What <c>cutover compat</c> prints: each configuration's output, then a summary table.</summary>
internal sealed record CompatReport(bool Passed, IReadOnlyList<CompatRunLine> Runs)
{
    public static CompatReport From(CompatibilityResult result) => new(result.Passed,
        [.. result.Runs.Select(r => new CompatRunLine(r.Configuration, r.Command, r.Stage, r.ExitCode,
            (long)r.Elapsed.TotalMilliseconds, r.Passed, r.Output))]);

    public void WriteText(TextWriter output)
    {
        foreach (var run in Runs)
        {
            output.WriteLine($"== {run.Configuration}: {run.Command}");
            output.Write(run.Output.EndsWith('\n') || run.Output.Length == 0 ? run.Output : run.Output + "\n");
        }

        output.WriteLine();
        var width = Runs.Max(r => r.Configuration.Length);
        output.WriteLine($"{"configuration".PadRight(width)}  result  exit  time");
        foreach (var run in Runs)
        {
            output.WriteLine($"{run.Configuration.PadRight(width)}  {(run.Passed ? "pass" : "FAIL"),-6}  {run.ExitCode,4}  {run.ElapsedMs} ms");
        }
    }
}
