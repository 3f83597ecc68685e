namespace Cutover.Adoption;

/// <summary>A history entry that is not adopted and does not stop adoption: a script the previous tool re-runs
/// whenever it changes, or code rather than SQL.</summary>
/// <param name="HistoryEntry">The row: <c>public.flyway_schema_history #7</c>.</param>
/// <param name="Script">The script as the tool recorded it.</param>
/// <param name="Reason">Why it is not adopted, and what to do about it.</param>
public sealed record SkippedHistoryEntry(string HistoryEntry, string Script, string Reason);
