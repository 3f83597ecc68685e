namespace Cutover.Snapshots;

/// <summary>One configuration of a compatibility check: a test suite against a database at a stage.</summary>
/// <param name="Configuration">What ran against what, e.g. <c>old tests @ 1.0 + pre</c>.</param>
/// <param name="Command">The test command.</param>
/// <param name="Stage">The stage of the database, as text.</param>
/// <param name="ExitCode">The command's exit code; 0 passed.</param>
/// <param name="Elapsed">The command's wall time.</param>
/// <param name="Output">What the command wrote (standard output, then standard error).</param>
public sealed record CompatibilityRun(
    string Configuration, string Command, string Stage, int ExitCode, TimeSpan Elapsed, string Output)
{
    /// <summary>True when the command exited with 0.</summary>
    public bool Passed => ExitCode == 0;
}
