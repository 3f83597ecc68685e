namespace Cutover.Journal;

/// <summary>One row of the journal table: a migration that was applied, baselined or installed by schema.sql.</summary>
/// <param name="Name">The script's name (file name without <c>.sql</c>), the primary key.</param>
/// <param name="Version">The version part of the name, as written.</param>
/// <param name="Serial">The serial part of the name, if any.</param>
/// <param name="Phase">The phase, <c>pre</c> or <c>post</c>.</param>
/// <param name="Checksum">The script's checksum when recorded.</param>
/// <param name="Kind">How it was recorded.</param>
/// <param name="State">Where it stands.</param>
/// <param name="AppliedAt">When it was recorded (server time).</param>
/// <param name="AppliedBy">Database user and client host that recorded it.</param>
/// <param name="DurationMs">How long it ran, for applied scripts.</param>
/// <param name="ToolVersion">The Cutover version that recorded it.</param>
/// <param name="Error">The error of a failed no-transaction script.</param>
internal sealed record JournalRow(
    string Name,
    string Version,
    int? Serial,
    Scripts.Phase Phase,
    string Checksum,
    JournalEntryKind Kind,
    JournalState State,
    DateTimeOffset AppliedAt,
    string AppliedBy,
    long? DurationMs,
    string ToolVersion,
    string? Error);
