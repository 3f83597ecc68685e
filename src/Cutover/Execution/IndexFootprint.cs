using System.Collections.Immutable;
using Cutover.Scripts;

namespace Cutover.Execution;

/// <summary>The indexes a script builds or rebuilds, read from its text: the names in <c>CREATE INDEX</c> and the
/// targets of <c>REINDEX INDEX|TABLE</c>. Cutover uses it to tell whether an INVALID index is one of the script's.</summary>
/// <remarks>An index created without a name gets one from the server that the text does not show; such an index is
/// not covered. REINDEX CONCURRENTLY builds a copy named <c>&lt;index&gt;_ccnew</c> (and keeps the old one as
/// <c>_ccold</c> until the swap): those are what a failed rebuild leaves.</remarks>
internal sealed class IndexFootprint
{
    private readonly ImmutableArray<Target> _targets;

    private IndexFootprint(ImmutableArray<Target> targets) => _targets = targets;

    public bool IsEmpty => _targets.IsEmpty;

    public static IndexFootprint Of(string body)
    {
        var targets = ImmutableArray.CreateBuilder<Target>();
        foreach (var statement in StatementSplitter.Split(body))
        {
            var words = Significant(statement.TextIn(body));
            if (ReadCreateIndex(words) is { } built)
            {
                targets.Add(built);
            }
            else if (ReadReindex(words) is { } rebuilt)
            {
                targets.Add(rebuilt);
            }
        }

        return new IndexFootprint(targets.ToImmutable());
    }

    /// <summary>True when <paramref name="index"/> is one this script builds, or a leftover of one it rebuilds.</summary>
    public bool Covers(InvalidIndex index) => Covers(index, visibleOnly: false);

    /// <summary>As <see cref="Covers(InvalidIndex)"/>; with <paramref name="visibleOnly"/>, an unqualified name
    /// matches only an index whose table the connection's <c>search_path</c> finds: schemas of one database that run
    /// the same script at once (tenant schemas) each build an index of that name, and one's build in progress is
    /// INVALID until it ends.</summary>
    public bool Covers(InvalidIndex index, bool visibleOnly) => _targets.Any(t => t.Kind switch
    {
        TargetKind.Built => index.Name == t.Name && In(t.Schema, index.Schema, index, visibleOnly),
        TargetKind.RebuiltIndex => IsRebuildCopy(index.Name, t.Name) && In(t.Schema, index.Schema, index, visibleOnly),
        _ => index.Table == t.Name && In(t.Schema, index.TableSchema, index, visibleOnly) &&
             (index.Name.Contains("_ccnew", StringComparison.Ordinal) ||
              index.Name.Contains("_ccold", StringComparison.Ordinal)),
    });

    // An index lives in its table's schema, so the table's visibility stands for an unqualified index name's too.
    private static bool In(string? named, string actual, InvalidIndex index, bool visibleOnly) =>
        named is null ? !visibleOnly || index.TableIsVisible : named == actual;

    private static bool IsRebuildCopy(string candidate, string rebuilt) =>
        candidate.StartsWith(rebuilt + "_ccnew", StringComparison.Ordinal) ||
        candidate.StartsWith(rebuilt + "_ccold", StringComparison.Ordinal);

    // CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON [ONLY] [schema.]table
    private static Target? ReadCreateIndex(List<Token> t)
    {
        var i = 0;
        if (!Is(t, i++, "create"))
        {
            return null;
        }

        if (Is(t, i, "unique"))
        {
            i++;
        }

        if (!Is(t, i++, "index"))
        {
            return null;
        }

        if (Is(t, i, "concurrently"))
        {
            i++;
        }

        if (Is(t, i, "if") && Is(t, i + 1, "not") && Is(t, i + 2, "exists"))
        {
            i += 3;
        }

        if (i >= t.Count || Is(t, i, "on") || !t[i].IsName)
        {
            return null; // unnamed: the server picks the name
        }

        var name = t[i++].Name;
        if (!Is(t, i++, "on"))
        {
            return null;
        }

        if (Is(t, i, "only"))
        {
            i++;
        }

        // The index lives in its table's schema.
        var (schema, _) = ReadQualified(t, i);
        return new Target(TargetKind.Built, schema, name);
    }

    // REINDEX [(options)] INDEX|TABLE [CONCURRENTLY] [schema.]name
    private static Target? ReadReindex(List<Token> t)
    {
        var i = 0;
        if (!Is(t, i++, "reindex"))
        {
            return null;
        }

        if (i < t.Count && t[i].Text == "(")
        {
            while (i < t.Count && t[i].Text != ")")
            {
                i++;
            }

            i++;
        }

        var kind = Is(t, i, "index") ? TargetKind.RebuiltIndex : Is(t, i, "table") ? TargetKind.RebuiltTable : (TargetKind?)null;
        if (kind is null)
        {
            return null;
        }

        i++;
        if (Is(t, i, "concurrently"))
        {
            i++;
        }

        var (schema, name) = ReadQualified(t, i);
        return name is null ? null : new Target(kind.Value, schema, name);
    }

    private static (string? Schema, string? Name) ReadQualified(List<Token> t, int i)
    {
        if (i >= t.Count || !t[i].IsName)
        {
            return (null, null);
        }

        if (i + 2 < t.Count && t[i + 1].Text == "." && t[i + 2].IsName)
        {
            return (t[i].Name, t[i + 2].Name);
        }

        return (null, t[i].Name);
    }

    private static bool Is(List<Token> t, int i, string word) =>
        i < t.Count && t[i].Kind == SqlTokenKind.Word && string.Equals(t[i].Text, word, StringComparison.OrdinalIgnoreCase);

    private static List<Token> Significant(string statement)
    {
        var tokens = new List<Token>();
        var lexer = new SqlLexer(statement);
        while (lexer.TryReadSignificant(out var token))
        {
            tokens.Add(new Token(token.Kind, statement.Substring(token.Offset, token.Length)));
        }

        return tokens;
    }

    private enum TargetKind
    {
        Built,
        RebuiltIndex,
        RebuiltTable,
    }

    private sealed record Target(TargetKind Kind, string? Schema, string Name);

    private readonly record struct Token(SqlTokenKind Kind, string Text)
    {
        public bool IsName => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;

        /// <summary>The identifier as the catalog stores it: unquoted names fold to lower case.</summary>
        public string Name => Kind == SqlTokenKind.QuotedIdentifier && Text.StartsWith('"')
            ? Text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal)
            : Text.ToLowerInvariant();
    }
}
