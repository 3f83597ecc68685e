using System.Globalization;
using Cutover.Fleet;

namespace Cutover.Cli.Output;

/// <summary>What <c>cutover fleet status</c> prints: the matrix, then the targets that need a look.</summary>
internal sealed record FleetStatusReport(
    int Total, int Current, int Behind, int Failed, int Drifted, int Unreachable,
    IReadOnlyList<FleetStatusGroup> Matrix, IReadOnlyList<FleetTargetStatus> Targets, long ElapsedMs)
{
    public static FleetStatusReport From(FleetStatusResult result) => new(
        result.Targets.Length,
        result.Targets.Count(t => t.Stage == FleetTargetStage.Current),
        result.Targets.Count(t => t.Behind),
        result.Targets.Count(t => t.Stage == FleetTargetStage.Failed),
        result.Targets.Count(t => t.Drifted),
        result.Targets.Count(t => t.Stage == FleetTargetStage.Unreachable),
        result.Matrix,
        result.Targets,
        (long)result.Elapsed.TotalMilliseconds);

    public void WriteText(TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Total} target(s): {Current} current, {Behind} behind, {Failed} failed, {Drifted} drifted, {Unreachable} unreachable ({ElapsedMs} ms)"));
        output.WriteLine();
        output.WriteLine($"{"version",-16} {"stage",-12} {"targets",7}");
        foreach (var group in Matrix)
        {
            output.WriteLine($"{group.Version ?? "(none)",-16} {Stage(group.Stage),-12} {group.Targets,7}");
        }

        var attention = Targets.Where(t => t.Stage is FleetTargetStage.Failed or FleetTargetStage.Unreachable || t.Drifted).ToList();
        if (attention.Count > 0)
        {
            output.WriteLine();
            foreach (var target in attention)
            {
                var what = target.Drifted && target.Error is null ? "drifted: journal and files disagree (cutover status)" : target.Error;
                output.WriteLine($"  {Stage(target.Stage)} {target.Name}: {what}");
            }
        }
    }

    private static string Stage(FleetTargetStage stage) => stage switch
    {
        FleetTargetStage.Current => "current",
        FleetTargetStage.PostPending => "post pending",
        FleetTargetStage.PrePending => "pre pending",
        FleetTargetStage.Failed => "failed",
        _ => "unreachable",
    };
}
