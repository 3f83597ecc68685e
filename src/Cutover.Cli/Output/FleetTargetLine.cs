using Cutover.Fleet;

namespace Cutover.Cli.Output;

/// <summary>One target in a <see cref="FleetReport"/>.</summary>
internal sealed record FleetTargetLine(string Name, int Wave, FleetTargetState State, int? Applied, int Attempts, string? Error);
