using System.Collections.Immutable;

namespace Cutover.Fleet;

/// <summary>Where a fleet stands: every target, and the matrix of how many are at which version and stage.</summary>
/// <param name="Targets">Every target, in the file's order.</param>
/// <param name="Matrix">Targets counted by version and stage, most advanced first.</param>
/// <param name="Elapsed">How long reading every journal took.</param>
public sealed record FleetStatusResult(
    ImmutableArray<FleetTargetStatus> Targets, ImmutableArray<FleetStatusGroup> Matrix, TimeSpan Elapsed);
