using Cutover.Scripts;

namespace Cutover.Cli.Output;

/// <summary>One applied script in an <see cref="UpgradeReport"/>.</summary>
internal sealed record AppliedLine(string Name, Phase Phase, long DurationMs, int Attempts);
