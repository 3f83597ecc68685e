namespace Cutover.Fleet;

/// <summary>One target in <see cref="FleetStatusResult"/>.</summary>
/// <param name="Name">The target's name.</param>
/// <param name="Kind">A database or a schema.</param>
/// <param name="Version">The highest version its journal records; null for none.</param>
/// <param name="Stage">Where it stands.</param>
/// <param name="PendingPre">Pre-migrations the pre phase would apply.</param>
/// <param name="PendingPost">Post-migrations pending.</param>
/// <param name="Drifted">True when its journal and the files disagree (changed checksum, missing file, out of
/// order).</param>
/// <param name="Error">Why it failed or could not be read; null otherwise.</param>
public sealed record FleetTargetStatus(
    string Name, FleetTargetKind Kind, string? Version, FleetTargetStage Stage, int PendingPre, int PendingPost,
    bool Drifted, string? Error)
{
    /// <summary>True when a phase has something to apply.</summary>
    public bool Behind => PendingPre + PendingPost > 0;
}
