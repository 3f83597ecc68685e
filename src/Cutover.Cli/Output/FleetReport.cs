using Cutover.Fleet;

namespace Cutover.Cli.Output;

/// <summary>What <c>cutover fleet upgrade</c> and <c>fleet resume</c> print at the end, as text or JSON.</summary>
internal sealed record FleetReport(
    string RunId, string Phase, bool Resumed, bool BudgetExceeded, int Total, int Done, int Failed, int Skipped,
    int Pending, IReadOnlyList<FleetTargetLine> Targets, long ElapsedMs)
{
    public static FleetReport From(FleetRunResult result) => new(
        result.RunId,
        result.Phase.ToString().ToLowerInvariant(),
        result.Resumed,
        result.BudgetExceeded,
        result.Targets.Length,
        result.Count(FleetTargetState.Done),
        result.Count(FleetTargetState.Failed),
        result.Count(FleetTargetState.Skipped),
        result.Count(FleetTargetState.Pending) + result.Count(FleetTargetState.Running),
        [.. result.Targets.Select(t => new FleetTargetLine(t.Name, t.Wave, t.State, t.Applied, t.Attempts, t.Error))],
        (long)result.Elapsed.TotalMilliseconds);

    public void WriteText(TextWriter output, string fleetFile)
    {
        output.WriteLine($"Fleet run {RunId} ({Phase}{(Resumed ? ", resumed" : "")}): {Done} done, {Failed} failed, " +
                         $"{Skipped} skipped, {Pending} pending of {Total} target(s) in {ElapsedMs} ms.");
        foreach (var failed in Targets.Where(t => t.State == FleetTargetState.Failed))
        {
            output.WriteLine($"  failed {failed.Name} (wave {failed.Wave}): {failed.Error}");
        }

        if (BudgetExceeded)
        {
            output.WriteLine($"Stopped: more targets failed than the budget allows; {Skipped} target(s) left untouched.");
        }

        if (Done < Total)
        {
            output.WriteLine($"Resume with: cutover fleet resume {RunId} --fleet {fleetFile}");
        }
    }
}
