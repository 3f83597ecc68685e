namespace Cutover.Snapshots;

/// <summary>A snapshot found on the server.</summary>
/// <param name="TemplateName">The template database.</param>
/// <param name="Stage">The stage it holds, as text (<c>all</c>, <c>pre-after:VERSION</c>).</param>
/// <param name="ScriptCount">How many migrations it holds.</param>
/// <param name="LastScript">The last migration it holds, or null when it holds none.</param>
/// <param name="Created">When it was built.</param>
internal sealed record SnapshotEntry(string TemplateName, string Stage, int ScriptCount, string? LastScript, DateTimeOffset Created);
