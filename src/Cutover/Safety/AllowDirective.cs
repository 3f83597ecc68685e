using System.Collections.Immutable;
using Cutover.Scripts;

namespace Cutover.Safety;

/// <summary>A <c>-- cutover:allow RULE-ID reason</c> comment, which silences one rule on the statement after it.</summary>
/// <param name="RuleId">The rule allowed, upper-case.</param>
/// <param name="Reason">Why, as written; may be empty.</param>
/// <param name="Offset">Where the comment starts in the script.</param>
internal sealed record AllowDirective(string RuleId, string Reason, int Offset)
{
    /// <summary>Reads the allow directives in the comments of <paramref name="gap"/>, the text between the previous
    /// statement (or the start of the script) and a statement.</summary>
    /// <param name="gap">The text between two statements.</param>
    /// <param name="gapOffset">Where <paramref name="gap"/> starts in the script.</param>
    internal static ImmutableArray<AllowDirective> ReadAll(ReadOnlySpan<char> gap, int gapOffset)
    {
        var directives = ImmutableArray.CreateBuilder<AllowDirective>();
        var lexer = new SqlLexer(gap);
        while (lexer.TryRead(out var token))
        {
            if (token.Kind == SqlTokenKind.LineComment
                && TryParse(gap.Slice(token.Offset + 2, token.Length - 2), gapOffset + token.Offset) is { } directive)
            {
                directives.Add(directive);
            }
        }

        return directives.DrainToImmutable();
    }

    private static AllowDirective? TryParse(ReadOnlySpan<char> comment, int offset)
    {
        if (!ScriptDirectives.TryReadDirective(comment, out var rest)
            || !rest.StartsWith("allow", StringComparison.OrdinalIgnoreCase) || rest.Length == 5 || !char.IsWhiteSpace(rest[5]))
        {
            return null;
        }

        rest = rest[5..].Trim();
        var end = rest.IndexOfAny(' ', '\t');
        var id = end < 0 ? rest : rest[..end];
        var reason = end < 0 ? [] : rest[end..].Trim();
        return id.IsEmpty ? null : new AllowDirective(id.ToString().ToUpperInvariant(), reason.ToString(), offset);
    }
}
