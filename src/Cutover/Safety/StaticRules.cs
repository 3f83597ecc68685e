using Cutover.Scripts;

namespace Cutover.Safety;

/// <summary>The rules that read the text only: what a rolled-back transaction cannot show (a statement that cannot
/// run in one, a rerun after a failure) and what names its own danger (VACUUM FULL).</summary>
internal static class StaticRules
{
    public static IEnumerable<RuleHit> Check(MigrationScript script, LintStatement statement)
    {
        if (Scripts.TransactionControl.Find(statement.Text) is { } keyword)
        {
            yield return new RuleHit(LintRules.TransactionControl, LintSeverity.Error, statement,
                $"{keyword} in a migration script");
        }

        // REFRESH MATERIALIZED VIEW CONCURRENTLY is the one that may run in a transaction block.
        if (script.RunsInTransaction && statement.Has("CONCURRENTLY") && statement.Verb != "REFRESH")
        {
            yield return new RuleHit(LintRules.ConcurrentlyInTransaction, LintSeverity.Error, statement,
                $"{statement.Verb} ... CONCURRENTLY in a script that runs in a transaction");
        }

        if (!script.RunsInTransaction && RerunFailure(statement) is { } rerun)
        {
            yield return new RuleHit(LintRules.RerunUnsafe, LintSeverity.Warning, statement, rerun);
        }

        if (Maintenance(statement) is { } maintenance)
        {
            yield return new RuleHit(LintRules.HeavyMaintenance, LintSeverity.Error, statement, maintenance);
        }
    }

    private static string? RerunFailure(LintStatement statement)
    {
        if (statement.Verb == "CREATE" && !statement.HasSequence("OR", "REPLACE") && !statement.HasSequence("NOT", "EXISTS")
            && statement.Words.Length > 1)
        {
            return $"CREATE {ObjectWord(statement)} without IF NOT EXISTS in a no-transaction script";
        }

        return statement.Verb == "DROP" && !statement.HasSequence("IF", "EXISTS")
            ? $"DROP {ObjectWord(statement)} without IF EXISTS in a no-transaction script"
            : null;
    }

    private static string ObjectWord(LintStatement statement) =>
        statement.Words.Skip(1).FirstOrDefault(w => w is not ("UNIQUE" or "TEMPORARY" or "TEMP" or "UNLOGGED"
            or "MATERIALIZED")) ?? "";

    private static string? Maintenance(LintStatement statement) => statement.Verb switch
    {
        "VACUUM" when statement.Has("FULL") => "VACUUM FULL rewrites the table under ACCESS EXCLUSIVE",
        "CLUSTER" => "CLUSTER rewrites the table under ACCESS EXCLUSIVE",
        "REINDEX" when !statement.Has("CONCURRENTLY") =>
            "REINDEX without CONCURRENTLY blocks writes to the table (and reads through the index) until it is done",
        _ => null,
    };
}
