namespace Cutover.Cli.Output;

/// <summary>One configuration of <c>cutover compat</c>.</summary>
internal sealed record CompatRunLine(
    string Configuration, string Command, string Stage, int ExitCode, long ElapsedMs, bool Passed, string Output);
