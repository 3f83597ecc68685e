namespace Cutover.Scripts;

/// <summary>Reads the <c>-- cutover:...</c> directives a script may carry in the comments before its first
/// statement.</summary>
internal static class ScriptDirectives
{
    /// <summary>Tells whether the script asks to run outside a transaction, with a line comment
    /// <c>-- cutover:no-transaction</c> before its first statement.</summary>
    /// <remarks>Case and whitespace around the words and the colon do not matter, but the comment must hold the
    /// directive alone: <c>-- note: no cutover:no-transaction here</c> is prose. Only the leading comments count, so a
    /// directive after the first statement is ignored, as a directive cannot change how statements before it
    /// ran.</remarks>
    internal static bool DisablesTransaction(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var lexer = new SqlLexer(script);
        while (lexer.TryRead(out var token) && token.IsTrivia)
        {
            if (token.Kind == SqlTokenKind.LineComment
                && IsDirective(script.AsSpan(token.Offset + 2, token.Length - 2), "no-transaction"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDirective(ReadOnlySpan<char> comment, string name) =>
        TryReadDirective(comment, out var directive) && directive.Equals(name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the text after <c>cutover:</c> in a line comment's text (without its <c>--</c>), trimmed, or
    /// returns false when the comment is not a directive.</summary>
    internal static bool TryReadDirective(ReadOnlySpan<char> comment, out ReadOnlySpan<char> directive)
    {
        directive = [];
        var rest = comment.Trim();
        if (!rest.StartsWith("cutover", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        rest = rest["cutover".Length..].TrimStart();
        if (!rest.StartsWith(':'))
        {
            return false;
        }

        directive = rest[1..].Trim();
        return true;
    }
}
