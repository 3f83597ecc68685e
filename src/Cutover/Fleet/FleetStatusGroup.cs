namespace Cutover.Fleet;

/// <summary>One cell of the status matrix: how many targets are at a version and stage.</summary>
/// <param name="Version">The highest version recorded; null for none.</param>
/// <param name="Stage">The stage.</param>
/// <param name="Targets">How many targets.</param>
public sealed record FleetStatusGroup(string? Version, FleetTargetStage Stage, int Targets);
