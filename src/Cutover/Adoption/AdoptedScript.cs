namespace Cutover.Adoption;

/// <summary>A script of Cutover's folder recorded as adopted, and the history entry and file it stands for.</summary>
/// <param name="Script">The script's name in Cutover's folder.</param>
/// <param name="PreviousFile">The previous tool's file with the same content (its path below that tool's folder), or
/// null for a script covered only by a baseline.</param>
/// <param name="HistoryEntry">The row of the previous tool's history: <c>public.schemaversions #3</c>.</param>
/// <param name="AppliedAt">When the previous tool ran it, if it recorded that.</param>
/// <param name="AlreadyRecorded">Whether Cutover's journal already had it (an earlier adoption, say): left as it
/// was.</param>
public sealed record AdoptedScript(
    string Script, string? PreviousFile, string HistoryEntry, DateTimeOffset? AppliedAt, bool AlreadyRecorded);
