namespace Cutover.Adoption;

/// <summary>One row of another tool's history, in that tool's terms.</summary>
/// <param name="Reference">How to find the row again, for messages: <c>public.schemaversions #3</c>.</param>
/// <param name="Script">The script as the tool recorded it: a file name, a path, or a resource name.</param>
/// <param name="Version">The version the tool recorded, if any.</param>
/// <param name="Description">The tool's description of the script, where it identifies it (Pum 0.x).</param>
/// <param name="Checksum">The checksum the tool recorded, in its own form, or null where it records none.</param>
/// <param name="AppliedAt">When the tool ran it.</param>
/// <param name="DurationMs">How long it ran, where the tool recorded that.</param>
/// <param name="Succeeded">Whether it succeeded: a failed entry stops adoption.</param>
/// <param name="Kind">What the row stands for.</param>
/// <param name="Error">The error the tool recorded for a failed entry, where it records one (grate).</param>
internal sealed record HistoryEntry(
    string Reference,
    string Script,
    string? Version,
    string? Description,
    string? Checksum,
    DateTimeOffset? AppliedAt,
    long? DurationMs,
    bool Succeeded,
    HistoryEntryKind Kind,
    string? Error = null);
