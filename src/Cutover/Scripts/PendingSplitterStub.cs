// TEMPORARY: replaced by the real lexer from the `splitter` branch before merge.
using System.Collections.Immutable;

namespace Cutover.Scripts;

internal readonly record struct SqlStatement(int Offset, int Length)
{
    public string TextIn(string script) => script.Substring(Offset, Length);
}

internal readonly record struct UnterminatedConstruct(int Offset, string What);

internal static class StatementSplitter
{
    public static UnterminatedConstruct? FindUnterminated(string sql) => null;

    public static ImmutableArray<SqlStatement> Split(string sql)
    {
        var result = ImmutableArray.CreateBuilder<SqlStatement>();
        var start = 0;
        for (var i = 0; i <= sql.Length; i++)
        {
            if (i == sql.Length || sql[i] == ';')
            {
                var s = start;
                while (s < i && char.IsWhiteSpace(sql[s])) s++;
                var e = i;
                while (e > s && char.IsWhiteSpace(sql[e - 1])) e--;
                if (e > s) result.Add(new SqlStatement(s, e - s));
                start = i + 1;
            }
        }
        return result.ToImmutable();
    }
}

internal static class TransactionControl
{
    public static string? Find(string statement)
    {
        var first = statement.TrimStart().Split([' ', '\n', '\t', '\r'], 2)[0].ToUpperInvariant();
        return first is "BEGIN" or "COMMIT" or "ROLLBACK" or "END" or "ABORT" ? first : null;
    }
}

internal static class ScriptDirectives
{
    public static bool DisablesTransaction(string body) =>
        body.Contains("-- cutover:no-transaction", StringComparison.OrdinalIgnoreCase);
}

internal sealed class LineMap(string text)
{
    public (int Line, int Column) Locate(int offset)
    {
        var line = 1; var col = 1;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n') { line++; col = 1; } else col++;
        }
        return (line, col);
    }
}
