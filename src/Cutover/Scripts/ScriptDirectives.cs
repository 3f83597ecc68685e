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

    private static bool IsDirective(ReadOnlySpan<char> comment, string name)
    {
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

        return rest[1..].Trim().Equals(name, StringComparison.OrdinalIgnoreCase);
    }
}
