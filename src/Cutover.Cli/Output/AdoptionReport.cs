using System.Globalization;
using System.Text;
using Cutover.Adoption;

namespace Cutover.Cli.Output;

/// <summary>The text <c>adopt</c> prints: the mapping, what was skipped, the problems, proposed names.</summary>
internal static class AdoptionReport
{
    public static async Task WriteAsync(TextWriter output, AdoptionResult result, string fromDir, string dir)
    {
        var tool = PreviousTools.DisplayName(result.From);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{tool}'s history {result.HistoryTable} -> {result.JournalTable}{(result.DryRun ? " (dry run: nothing written)" : "")}");
        var width = result.Adopted.Select(a => a.Script.Length).DefaultIfEmpty(0).Max();
        foreach (var adopted in result.Adopted)
        {
            var when = adopted.AppliedAt is { } at ? ", " + at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
            var verb = adopted.AlreadyRecorded ? "recorded" : "adopt   ";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {verb}  {adopted.Script.PadRight(width)}  <- {adopted.PreviousFile ?? "(baseline)"}  ({adopted.HistoryEntry}{when})");
        }

        foreach (var skipped in result.Skipped)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  skipped   {skipped.Script} ({skipped.HistoryEntry}): {skipped.Reason}");
        }

        if (!result.Problems.IsEmpty)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{result.Problems.Length} problem(s): a real run refuses and writes nothing");
            foreach (var problem in result.Problems)
            {
                text.AppendLine("  " + problem);
            }
        }

        if (!result.Proposals.IsEmpty)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{result.Proposals.Length} script(s) of {fromDir} have no counterpart in {dir}; proposed Cutover names (all pre-migrations, as the old tool ran them):");
            foreach (var proposal in result.Proposals)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"  cp {Quote(Path.Combine(fromDir, proposal.PreviousFile))} {Quote(Path.Combine(dir, proposal.CutoverName))}");
            }
        }

        var newly = result.NewlyRecorded;
        var already = result.Adopted.Length - newly;
        text.Append(result.DryRun ? $"Would adopt {newly}" : $"Adopted {newly}");
        text.Append(CultureInfo.InvariantCulture, $" script(s){(already > 0 ? $" ({already} already recorded)" : "")}; ");
        text.AppendLine(result.Pending.IsEmpty
            ? "nothing pending."
            : $"{result.Pending.Length} pending, which 'cutover upgrade' applies next, from {result.Pending[0]}.");
        await output.WriteAsync(text.ToString());
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
