using Cutover.Scripts;

namespace Cutover.Execution;

/// <summary>A script started, finished, or is about to be retried.</summary>
/// <param name="Script">The script.</param>
/// <param name="Stage">What happened.</param>
/// <param name="Elapsed">How long it ran (for <see cref="ScriptStage.Applied"/> and failures).</param>
/// <param name="Attempt">Which attempt this is, from 1.</param>
public sealed record ScriptProgress(MigrationScript Script, ScriptStage Stage, TimeSpan Elapsed, int Attempt);
