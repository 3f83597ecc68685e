using Cutover.Execution;

namespace Cutover.Cli.Output;

/// <summary>What <c>cutover upgrade</c> prints after its per-script lines, as text or JSON.</summary>
internal sealed record UpgradeReport(
    string Phase, bool DryRun, IReadOnlyList<string> Planned, IReadOnlyList<AppliedLine> Applied, string? Remark, long ElapsedMs)
{
    public static UpgradeReport From(ApplyResult result) => new(
        result.Plan.Request.Phase.ToString().ToLowerInvariant(),
        result.DryRun,
        [.. result.Plan.Steps.Select(s => s.Name.Name)],
        [.. result.Applied.Select(a => new AppliedLine(a.Name, a.Phase, (long)a.Duration.TotalMilliseconds, a.Attempts))],
        result.Plan.Remark,
        (long)result.Elapsed.TotalMilliseconds);

    public void WriteText(TextWriter output)
    {
        if (DryRun)
        {
            output.WriteLine($"Dry run: the {Phase} phase would apply {Planned.Count} script(s):");
            foreach (var name in Planned)
            {
                output.WriteLine($"  {name}");
            }
        }
        else
        {
            output.WriteLine($"Applied {Applied.Count} script(s) in the {Phase} phase ({ElapsedMs} ms).");
        }

        if (Remark is not null)
        {
            output.WriteLine($"Note: {Remark}");
        }
    }
}
