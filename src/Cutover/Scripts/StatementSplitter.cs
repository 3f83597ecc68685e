using System.Collections.Immutable;

namespace Cutover.Scripts;

/// <summary>Splits a SQL script into its statements where psql would send them to the server.</summary>
/// <remarks>
/// A <c>;</c> ends a statement unless it is inside a quote, a dollar quote, a quoted identifier or a comment
/// (see <see cref="SqlLexer"/>), inside parentheses (<c>CREATE RULE r AS ON INSERT TO t DO (INSERT ...; INSERT ...)</c>),
/// or inside the <c>BEGIN ATOMIC ... END</c> body of a <c>CREATE [OR REPLACE] FUNCTION|PROCEDURE</c> statement.
/// The last two follow psql's own heuristics in <c>psqlscan.l</c>, so a script behaves here as it does under
/// <c>psql -f</c>. Statements without any token (only comments, or empty between two <c>;</c>) are dropped.
/// </remarks>
internal static class StatementSplitter
{
    /// <summary>Splits <paramref name="sql"/> into its statements, in order.</summary>
    /// <remarks>Never throws on malformed SQL: the server reports it when the statement runs. A quote left open at
    /// the end makes the last statement run to the end of the input, and a block comment left open there is
    /// dropped like any trailing comment; call <see cref="FindUnterminated"/> to reject such scripts
    /// first.</remarks>
    internal static ImmutableArray<SqlStatement> Split(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var statements = ImmutableArray.CreateBuilder<SqlStatement>();
        var tracker = new FunctionBodyTracker();
        var start = -1;
        var end = -1;
        var parenthesisDepth = 0;
        var lexer = new SqlLexer(sql);
        while (lexer.TryReadSignificant(out var token))
        {
            if (token.Kind == SqlTokenKind.Semicolon && parenthesisDepth == 0 && !tracker.IsInsideBody)
            {
                if (start >= 0)
                {
                    statements.Add(new SqlStatement(start, end - start));
                }

                start = -1;
                parenthesisDepth = 0;
                tracker = new FunctionBodyTracker();
                continue;
            }

            if (start < 0)
            {
                start = token.Offset;
            }

            end = token.End;
            switch (token.Kind)
            {
                case SqlTokenKind.OpenParenthesis:
                    parenthesisDepth++;
                    break;
                case SqlTokenKind.CloseParenthesis when parenthesisDepth > 0:
                    parenthesisDepth--;
                    break;
                case SqlTokenKind.Word:
                    tracker.Read(sql.AsSpan(token.Offset, token.Length), parenthesisDepth);
                    break;
                default:
                    break;
            }
        }

        if (start >= 0)
        {
            statements.Add(new SqlStatement(start, end - start));
        }

        return statements.DrainToImmutable();
    }

    /// <summary>Finds a quote, dollar quote, quoted identifier or block comment that is still open at the end of
    /// <paramref name="sql"/>, or returns null for a well-formed script.</summary>
    /// <remarks>PostgreSQL rejects such a script as a whole; <see cref="Split"/> would instead send the open construct
    /// with the last statement or drop it as a trailing comment, so check this first.</remarks>
    internal static UnterminatedConstruct? FindUnterminated(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var lexer = new SqlLexer(sql);
        while (lexer.TryRead(out var token))
        {
            if (token.IsUnterminated)
            {
                return new UnterminatedConstruct(token.Offset, token.Kind switch
                {
                    SqlTokenKind.String when sql[token.Offset] is 'b' or 'B' => "bit string literal",
                    SqlTokenKind.String when sql[token.Offset] is 'x' or 'X' => "hexadecimal string literal",
                    SqlTokenKind.String or SqlTokenKind.EscapeString => "quoted string",
                    SqlTokenKind.DollarString => "dollar-quoted string",
                    SqlTokenKind.QuotedIdentifier => "quoted identifier",
                    _ => "/* comment",
                });
            }
        }

        return null;
    }
}
