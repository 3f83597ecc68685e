namespace Cutover.Cli;

/// <summary>An option value the parser accepted but the command cannot use.</summary>
internal sealed class CliInputException(string message) : CutoverException(message);
