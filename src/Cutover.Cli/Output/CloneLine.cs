namespace Cutover.Cli.Output;

/// <summary>One clone made by <c>cutover ci prepare</c>.</summary>
internal sealed record CloneLine(string Database, string ConnectionString);
