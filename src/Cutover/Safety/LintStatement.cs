using System.Collections.Immutable;
using Cutover.Scripts;

namespace Cutover.Safety;

/// <summary>One statement of a linted script: where it is, its text, its key words (outside quotes, bodies and
/// comments, upper-case) and the allow directives before it.</summary>
internal sealed record LintStatement(
    int Index, int Offset, string Text, ScriptLocation Location, ImmutableArray<string> Words,
    ImmutableArray<AllowDirective> Allows)
{
    /// <summary>The first key word: <c>ALTER</c>, <c>CREATE</c>, <c>UPDATE</c>...</summary>
    public string Verb => Words.IsEmpty ? "" : Words[0];

    /// <summary>True when <paramref name="word"/> is one of the statement's key words.</summary>
    public bool Has(string word) => Words.Contains(word, StringComparer.Ordinal);

    /// <summary>True when <paramref name="first"/> is directly followed by <paramref name="second"/>.</summary>
    public bool HasSequence(string first, string second)
    {
        for (var i = 0; i + 1 < Words.Length; i++)
        {
            if (Words[i] == first && Words[i + 1] == second)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for UPDATE, DELETE and MERGE, also behind a WITH clause.</summary>
    public bool IsDataChange => Verb is "UPDATE" or "DELETE" or "MERGE"
        || (Verb == "WITH" && (Has("UPDATE") || Has("DELETE") || Has("MERGE")));

    /// <summary>Which part of the catalog the statement can change: row changes, comments, grants, triggers and
    /// policies none the lint tracks; function and type DDL only routines; table, view and index DDL only relations; a
    /// CASCADE or anything else, all. (A function a statement calls could run DDL of any kind: a SELECT reads all.)</summary>
    public CatalogScope CatalogScope => Has("CASCADE") ? CatalogScope.All : Verb switch
    {
        "INSERT" or "UPDATE" or "DELETE" or "MERGE" or "COMMENT" or "GRANT" or "REVOKE" or "NOTIFY" or "ANALYZE"
            or "LOCK" => CatalogScope.None,
        "CLUSTER" or "REINDEX" or "VACUUM" or "REFRESH" => CatalogScope.Relations,
        "CREATE" or "ALTER" or "DROP" => Noun switch
        {
            "FUNCTION" or "PROCEDURE" or "ROUTINE" or "AGGREGATE" or "TYPE" or "DOMAIN" => CatalogScope.Routines,
            "TABLE" or "INDEX" or "VIEW" or "SEQUENCE" or "RULE" => CatalogScope.Relations,
            "TRIGGER" or "POLICY" => CatalogScope.None,
            _ => CatalogScope.All,
        },
        _ => CatalogScope.All,
    };

    // The kind of object a CREATE, ALTER or DROP is about: CREATE OR REPLACE FUNCTION, CREATE UNIQUE INDEX, CREATE
    // MATERIALIZED VIEW, CREATE CONSTRAINT TRIGGER.
    private string Noun => Words.Skip(1).FirstOrDefault(w => w is not ("OR" or "REPLACE" or "UNIQUE" or "TEMPORARY"
        or "TEMP" or "UNLOGGED" or "MATERIALIZED" or "RECURSIVE" or "CONSTRAINT" or "GLOBAL" or "LOCAL")) ?? "";

    /// <summary>Splits <paramref name="body"/> into statements with everything the rules need.</summary>
    public static ImmutableArray<LintStatement> SplitScript(string body, LineMap lines)
    {
        var statements = StatementSplitter.Split(body);
        var result = ImmutableArray.CreateBuilder<LintStatement>(statements.Length);
        var previousEnd = 0;
        for (var i = 0; i < statements.Length; i++)
        {
            var statement = statements[i];
            var text = statement.TextIn(body);
            var allows = AllowDirective.ReadAll(body.AsSpan(previousEnd, statement.Offset - previousEnd), previousEnd);
            result.Add(new LintStatement(i, statement.Offset, text, lines.Locate(statement.Offset), WordsOf(text), allows));
            previousEnd = statement.End;
        }

        return result.MoveToImmutable();
    }

    private static ImmutableArray<string> WordsOf(string text)
    {
        var words = ImmutableArray.CreateBuilder<string>();
        var lexer = new SqlLexer(text);
        while (lexer.TryReadSignificant(out var token))
        {
            if (token.Kind == SqlTokenKind.Word)
            {
                words.Add(text.Substring(token.Offset, token.Length).ToUpperInvariant());
            }
        }

        return words.DrainToImmutable();
    }
}
