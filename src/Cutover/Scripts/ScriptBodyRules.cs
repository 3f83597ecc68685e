using System.Globalization;

namespace Cutover.Scripts;

/// <summary>What a script body may not contain, checked before anything runs.</summary>
internal static class ScriptBodyRules
{
    public static IEnumerable<ScriptProblem> Check(string location, string body)
    {
        var lines = new LineMap(body);
        foreach (var problem in CheckCharacters(location, body, lines))
        {
            yield return problem;
        }

        if (StatementSplitter.FindUnterminated(body) is { } open)
        {
            var (line, column) = lines.Locate(open.Offset);
            yield return new ScriptProblem(location, line, column, $"unterminated {open.What}");
            yield break;
        }

        foreach (var statement in StatementSplitter.Split(body))
        {
            if (TransactionControl.Find(statement.TextIn(body)) is { } keyword)
            {
                // Cutover owns the transaction: a script's COMMIT would commit half a migration without its journal row.
                var (line, column) = lines.Locate(statement.Offset);
                yield return new ScriptProblem(location, line, column,
                    $"transaction control ({keyword}) is not allowed in a migration: Cutover runs each script in its own " +
                    "transaction; use '-- cutover:no-transaction' for statements that cannot run in one");
            }
        }
    }

    /// <summary>Characters no PostgreSQL statement can carry, which would otherwise fail only when their script runs,
    /// after the scripts before it were applied.</summary>
    private static IEnumerable<ScriptProblem> CheckCharacters(string location, string body, LineMap lines)
    {
        // The protocol sends statements as NUL-terminated strings, so the server sees a truncated message (08P01).
        var nul = body.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            var count = body.AsSpan(nul).Count('\0');
            var more = count > 1 ? string.Create(CultureInfo.InvariantCulture, $" ({count} in the file)") : "";
            var (line, column) = lines.Locate(nul);
            yield return new ScriptProblem(location, line, column, "NUL byte (0x00)" + more +
                ": PostgreSQL text cannot contain it; remove it (is the file binary, or UTF-16 without a byte order mark?)");
        }

        // Only text built in memory can hold half a surrogate pair; decoded files never do. It has no UTF-8 form.
        if (FindUnpairedSurrogate(body) is { } surrogate)
        {
            var (line, column) = lines.Locate(surrogate);
            yield return new ScriptProblem(location, line, column, string.Create(CultureInfo.InvariantCulture,
                $"unpaired surrogate U+{(int)body[surrogate]:X4}: not a character, so the script cannot be sent as UTF-8"));
        }
    }

    private static int? FindUnpairedSurrogate(string body)
    {
        var text = body.AsSpan();
        var i = 0;
        while (true)
        {
            var next = text[i..].IndexOfAnyInRange('\uD800', '\uDFFF');
            if (next < 0)
            {
                return null;
            }

            i += next;
            if (!char.IsHighSurrogate(text[i]) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
            {
                return i;
            }

            i += 2;
        }
    }
}
