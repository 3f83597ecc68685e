using System.Collections.Immutable;

namespace Cutover.Snapshots;

/// <summary>The three configurations of a compatibility check, in the order they ran.</summary>
/// <param name="Runs">Old tests at release + pre, new tests at release + pre, new tests at everything.</param>
public sealed record CompatibilityResult(ImmutableArray<CompatibilityRun> Runs)
{
    /// <summary>True when every configuration passed.</summary>
    public bool Passed => Runs.All(r => r.Passed);
}
