using Cutover.Fleet;

namespace Cutover.Cli.Output;

/// <summary>What <c>cutover fleet check</c> prints: one line per target, the differences of each drifted one.</summary>
internal sealed record FleetCheckReport(bool Clean, int Total, int Drifted, int Errors, IReadOnlyList<FleetTargetCheck> Targets)
{
    public static FleetCheckReport From(FleetCheckResult result) => new(
        result.Clean, result.Targets.Length, result.Targets.Count(t => t.Drifted),
        result.Targets.Count(t => t.Error is not null), result.Targets);

    public void WriteText(TextWriter output)
    {
        foreach (var target in Targets)
        {
            output.WriteLine(target switch
            {
                { Error: { } error } => $"error   {target.Name}: {error}",
                { Drifted: true } => $"drifted {target.Name}: {target.Differences} difference(s)",
                _ => $"ok      {target.Name}",
            });
            if (target.Report is { } report)
            {
                output.WriteLine(report.TrimEnd().Replace("\n", "\n    ", StringComparison.Ordinal).Insert(0, "    "));
            }
        }

        output.WriteLine($"{Total} target(s): {Total - Drifted - Errors} as their journal says, {Drifted} drifted, {Errors} not checked.");
    }
}
