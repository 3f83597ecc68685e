namespace Cutover.Cli.Output;

/// <summary>What <c>--json</c> prints on stdout when a command fails, beside the message on stderr.</summary>
internal sealed record ErrorReport(string Error, int ExitCode, string Message);
