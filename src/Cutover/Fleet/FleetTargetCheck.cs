namespace Cutover.Fleet;

/// <summary>One target in <see cref="FleetCheckResult"/>.</summary>
/// <param name="Name">The target's name.</param>
/// <param name="Kind">A database or a schema.</param>
/// <param name="Drifted">True when its structure is not what its journal says.</param>
/// <param name="Differences">How many differences were found (notes aside).</param>
/// <param name="Report">The differences as <c>cutover check --against</c> prints them; null when none.</param>
/// <param name="Error">Why it could not be checked; null otherwise.</param>
public sealed record FleetTargetCheck(
    string Name, FleetTargetKind Kind, bool Drifted, int Differences, string? Report, string? Error);
