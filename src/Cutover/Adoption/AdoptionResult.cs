using System.Collections.Immutable;

namespace Cutover.Adoption;

/// <summary>What <c>adopt</c> recorded, or would record in a dry run.</summary>
/// <param name="From">The previous tool.</param>
/// <param name="HistoryTable">Its history table, as read (left as it was).</param>
/// <param name="JournalTable">Cutover's journal, written unless <paramref name="DryRun"/>.</param>
/// <param name="Adopted">The scripts recorded as adopted, in Cutover's order, with those already recorded.</param>
/// <param name="Skipped">History entries not adopted that do not stop adoption.</param>
/// <param name="Pending">The scripts of Cutover's folder the history lacks, in order: what <c>upgrade</c> applies
/// next.</param>
/// <param name="Proposals">Cutover names for the previous tool's scripts that no script of Cutover's folder pairs
/// with (all of them when the folder has only the old names).</param>
/// <param name="Problems">What refuses adoption: empty unless <paramref name="DryRun"/>, since a real run throws
/// <see cref="AdoptionRefusedException"/> instead.</param>
/// <param name="DryRun">Whether nothing was written.</param>
public sealed record AdoptionResult(
    PreviousTool From,
    string HistoryTable,
    string JournalTable,
    ImmutableArray<AdoptedScript> Adopted,
    ImmutableArray<SkippedHistoryEntry> Skipped,
    ImmutableArray<string> Pending,
    ImmutableArray<ProposedScriptName> Proposals,
    ImmutableArray<AdoptionProblem> Problems,
    bool DryRun)
{
    /// <summary>How many scripts this run newly recorded (or would record).</summary>
    public int NewlyRecorded => Adopted.Count(a => !a.AlreadyRecorded);
}
