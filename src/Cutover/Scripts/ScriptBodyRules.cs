namespace Cutover.Scripts;

/// <summary>What a script body may not contain, checked before anything runs.</summary>
internal static class ScriptBodyRules
{
    public static IEnumerable<ScriptProblem> Check(string location, string body)
    {
        var lines = new LineMap(body);
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
}
