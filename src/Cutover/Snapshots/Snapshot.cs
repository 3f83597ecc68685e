namespace Cutover.Snapshots;

/// <summary>A template database holding one stage of a migration set, ready to clone.</summary>
/// <param name="Key">Its key.</param>
/// <param name="TemplateName">The template database.</param>
/// <param name="Stage">The stage it holds.</param>
/// <param name="ScriptCount">How many migrations it holds.</param>
/// <param name="Origin">Where it came from in this call.</param>
/// <param name="Applied">How many migrations this call ran to build it (0 for a hit or a restore).</param>
/// <param name="SizeBytes">The template's size on disk, which picks the clone strategy.</param>
/// <param name="Elapsed">Wall time of this call, lock wait included.</param>
public sealed record Snapshot(
    SnapshotKey Key, string TemplateName, SnapshotStage Stage, int ScriptCount, SnapshotOrigin Origin, int Applied,
    long SizeBytes, TimeSpan Elapsed);
