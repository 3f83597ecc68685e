using System.Collections.Immutable;

namespace Cutover.Execution;

/// <summary>What <c>baseline</c> recorded.</summary>
/// <param name="Version">The version baselined up to.</param>
/// <param name="Recorded">The migrations newly recorded as <c>baseline</c>; those already recorded are left as they were.</param>
public sealed record BaselineResult(string Version, ImmutableArray<string> Recorded);
