namespace Cutover.Scripts;

/// <summary>Recognizes the statements that begin, end or subdivide a transaction, which a migration script may not
/// contain because Cutover runs each script in a transaction of its own (or deliberately in none).</summary>
internal static class TransactionControl
{
    /// <summary>Returns the transaction-control command <paramref name="statement"/> starts with, or null when it is
    /// any other statement.</summary>
    /// <param name="statement">One statement, such as <see cref="SqlStatement.TextIn"/> returns; leading whitespace
    /// and comments are skipped, and only its first words are read.</param>
    /// <returns>The command in upper case, for the error message: <c>BEGIN</c>, <c>START TRANSACTION</c>,
    /// <c>COMMIT</c>, <c>COMMIT PREPARED</c>, <c>END</c>, <c>ROLLBACK</c>, <c>ROLLBACK PREPARED</c>, <c>ABORT</c>,
    /// <c>SAVEPOINT</c>, <c>RELEASE</c> or <c>PREPARE TRANSACTION</c>; null otherwise.</returns>
    /// <remarks><c>BEGIN ATOMIC</c> opens a SQL-standard function body, not a transaction, and words inside quotes,
    /// dollar-quoted bodies (<c>DO $$ BEGIN ... COMMIT; END $$</c>) and comments are not read at all.</remarks>
    internal static string? Find(ReadOnlySpan<char> statement)
    {
        var lexer = new SqlLexer(statement);
        if (!lexer.TryReadSignificant(out var first) || first.Kind != SqlTokenKind.Word)
        {
            return null;
        }

        var word = statement.Slice(first.Offset, first.Length);
        var hasSecond = lexer.TryReadSignificant(out var second);
        var isSecondWord = hasSecond && second.Kind == SqlTokenKind.Word;
        var secondWord = isSecondWord ? statement.Slice(second.Offset, second.Length) : [];
        return word switch
        {
            _ when Is(word, "begin") => Is(secondWord, "atomic") ? null : "BEGIN",
            _ when Is(word, "start") => Is(secondWord, "transaction") ? "START TRANSACTION" : null,
            _ when Is(word, "commit") => Is(secondWord, "prepared") ? "COMMIT PREPARED" : "COMMIT",
            _ when Is(word, "end") => "END",
            _ when Is(word, "rollback") => Is(secondWord, "prepared") ? "ROLLBACK PREPARED" : "ROLLBACK",
            _ when Is(word, "abort") => "ABORT",
            _ when Is(word, "savepoint") => "SAVEPOINT",
            _ when Is(word, "release") => "RELEASE",
            // PREPARE TRANSACTION 'id' (two-phase commit), not PREPARE name AS statement.
            _ when Is(word, "prepare") && Is(secondWord, "transaction") && NextIsString(ref lexer) =>
                "PREPARE TRANSACTION",
            _ => null,
        };
    }

    private static bool NextIsString(ref SqlLexer lexer) =>
        lexer.TryReadSignificant(out var token)
        && token.Kind is SqlTokenKind.String or SqlTokenKind.EscapeString or SqlTokenKind.DollarString;

    private static bool Is(ReadOnlySpan<char> word, string keyword) =>
        word.Equals(keyword, StringComparison.OrdinalIgnoreCase);
}
