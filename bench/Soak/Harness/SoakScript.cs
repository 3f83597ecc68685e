namespace Cutover.Soak;

/// <summary>One generated script: its name as the journal records it (file name without <c>.sql</c>), its kind, and
/// the index it builds or rebuilds, if any.</summary>
internal sealed record SoakScript(string Name, SoakScriptKind Kind, string? Index)
{
    /// <summary>Whether the script inserts a row into <c>soak_markers</c> in its own transaction, so that the row count
    /// per script says how often it committed.</summary>
    public bool HasMarker => Kind is SoakScriptKind.Setup or SoakScriptKind.Marker or SoakScriptKind.Slow;
}
