using System.Collections.Immutable;

namespace Cutover.Tests.Scripts;

/// <summary>What libpg_query made of a script: statement spans in UTF-16 characters, each running from just after the
/// previous <c>;</c> to just before its own (so with surrounding whitespace and comments), or an error.</summary>
internal sealed class OracleSplit(ImmutableArray<(int Offset, int Length)> statements, string? error, int errorPosition)
{
    public ImmutableArray<(int Offset, int Length)> Statements { get; } = statements;

    /// <summary>PostgreSQL's message, such as <c>unterminated quoted string at or near "'abc"</c>.</summary>
    public string? Error { get; } = error;

    /// <summary>The 1-based character position of the error.</summary>
    public int ErrorPosition { get; } = errorPosition;
}
