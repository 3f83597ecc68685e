using Cutover.Scripts;

namespace Cutover.Execution;

/// <summary>A script that an upgrade applied.</summary>
/// <param name="Name">The script's journal name.</param>
/// <param name="Phase">Its phase.</param>
/// <param name="Duration">How long it ran, retries included.</param>
/// <param name="Attempts">How many attempts it took (more than one after lock timeouts).</param>
public sealed record AppliedScript(string Name, Phase Phase, TimeSpan Duration, int Attempts);
