using Cutover.Scripts;

namespace Cutover.Adoption;

/// <summary>A script of Cutover's folder that a history entry covers.</summary>
/// <param name="Script">The script.</param>
/// <param name="File">The previous tool's file with the same content, or null for a script only a baseline
/// covers.</param>
/// <param name="Entry">The history entry.</param>
/// <param name="AlreadyRecorded">Whether Cutover's journal has the script already.</param>
internal sealed record AdoptionClaim(MigrationScript Script, PreviousScriptFile? File, HistoryEntry Entry, bool AlreadyRecorded)
{
    /// <summary>What the journal's <c>adopted_from</c> says: <c>dbup public.schemaversions #3 001_a.sql</c>.</summary>
    public string Source(PreviousTool tool) =>
        PreviousTools.CommandName(tool) + " " + Entry.Reference +
        (Entry.Kind == HistoryEntryKind.Baseline ? " baseline " + Entry.Version : " " + Entry.Script);
}
