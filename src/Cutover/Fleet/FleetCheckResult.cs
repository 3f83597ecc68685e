using System.Collections.Immutable;

namespace Cutover.Fleet;

/// <summary>Drift over a fleet: each target compared with what its journal says it should be.</summary>
/// <param name="Targets">Every target, in the file's order.</param>
public sealed record FleetCheckResult(ImmutableArray<FleetTargetCheck> Targets)
{
    /// <summary>True when no target drifted and every one could be checked.</summary>
    public bool Clean => Targets.All(t => !t.Drifted && t.Error is null);
}
