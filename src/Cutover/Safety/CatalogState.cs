using System.Collections.Frozen;
using System.Collections.Immutable;
using Cutover.Journal;
using Npgsql;

namespace Cutover.Safety;

/// <summary>The user objects of a database at one moment, keyed so that a rename, a rewrite or a new constraint
/// shows as a change between two moments.</summary>
/// <remarks>Not the inspection model (<c>Inspection/SchemaInspector</c>): that one reads every detail in a score of
/// queries, and the lint needs a few facts after every statement of every script, in one query, in the statement's
/// own transaction.</remarks>
internal sealed class CatalogState
{
    private CatalogState(FrozenDictionary<(CatalogObjectKind, string), CatalogEntry> entries) => Entries = entries;

    public FrozenDictionary<(CatalogObjectKind Kind, string Key), CatalogEntry> Entries { get; }

    public CatalogEntry? Find(CatalogObjectKind kind, string key) => Entries.GetValueOrDefault((kind, key));

    public CatalogEntry? FindRelation(uint oid) =>
        Find(CatalogObjectKind.Relation, oid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public IEnumerable<CatalogEntry> Tables => Entries.Values.Where(e => e.IsTable);

    public bool IsEmpty => Entries.Count == 0;

    // Schemas pg_* and information_schema are the system's; objects that belong to an extension are the extension's.
    // The user's relations are read once (rel) and their columns through pg_attribute's index, not a scan of it. Two
    // queries, so that a statement that can change only one part is followed by a read of that part.
    private const string Namespaces = """
        WITH ns AS MATERIALIZED (SELECT oid, nspname FROM pg_namespace WHERE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\_%'),
        ext AS MATERIALIZED (SELECT objid FROM pg_depend WHERE deptype = 'e'),
        rel AS MATERIALIZED (
            SELECT c.oid, ns.nspname || '.' || c.relname AS name, c.relkind, c.relfilenode
            FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'i', 'I') AND c.oid NOT IN (SELECT objid FROM ext))
        """;

    /// <summary>Relations, columns and constraints; the first column is named so that the reader can find it.</summary>
    internal const string RelationsSql = Namespaces + "\n" + """
        SELECT 0 AS cutover_lint_catalog, r.oid::text, r.name, COALESCE(i.indrelid, 0), r.relkind::text, false, r.relfilenode::text
        FROM rel r LEFT JOIN pg_index i ON i.indexrelid = r.oid
        UNION ALL
        SELECT 1, a.attrelid::text || '.' || a.attnum, r.name || '.' || a.attname, a.attrelid,
               format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef::text
        FROM rel r CROSS JOIN LATERAL (SELECT * FROM pg_attribute a WHERE a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped) a
        WHERE r.relkind IN ('r', 'p')
        UNION ALL
        SELECT 2, co.oid::text, r.name || '.' || co.conname, co.conrelid, co.contype::text,
               co.convalidated, co.conindid::text || '|' || COALESCE(array_to_string(co.conkey, ','), '')
        FROM pg_constraint co JOIN rel r ON r.oid = co.conrelid
        """;

    /// <summary>Functions, procedures and types, as <see cref="RelationsSql"/>.</summary>
    internal const string RoutinesSql = Namespaces + "\n" + """
        SELECT 3 AS cutover_lint_catalog, p.oid::text, ns.nspname || '.' || p.proname || '(' || oidvectortypes(p.proargtypes) || ')', 0::oid,
               '', false, md5(COALESCE(p.prosrc, '') || '|' || p.prorettype::text || '|' || p.proretset::text)
        FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
        WHERE p.oid NOT IN (SELECT objid FROM ext)
        UNION ALL
        SELECT 4, t.oid::text, ns.nspname || '.' || t.typname, 0::oid, t.typtype::text, false, ''
        FROM pg_type t JOIN ns ON ns.oid = t.typnamespace LEFT JOIN pg_class r ON r.oid = t.typrelid
        WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND r.relkind = 'c'))
          AND t.oid NOT IN (SELECT objid FROM ext)
        """;

    /// <summary>Reads the results of <see cref="RelationsSql"/> and <see cref="RoutinesSql"/>, as <paramref
    /// name="scope"/> says which were sent (in that order), leaving out the journal table and what belongs to it; the
    /// part not read is taken from <paramref name="previous"/>.</summary>
    internal static async Task<CatalogState> ReadAsync(
        NpgsqlDataReader reader, CatalogScope scope, CatalogState previous, JournalTableName journal,
        CancellationToken cancellationToken)
    {
        var journalName = journal.Schema + "." + journal.Table;
        var entries = new List<CatalogEntry>();
        uint journalOid = 0;
        var parts = scope == CatalogScope.All ? 2 : 1;
        for (var part = 0; part < parts; part++)
        {
            if (part > 0)
            {
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }

            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var entry = new CatalogEntry((CatalogObjectKind)reader.GetInt32(0), reader.GetString(1),
                    reader.GetString(2), reader.GetFieldValue<uint>(3), reader.GetString(4), reader.GetBoolean(5),
                    reader.GetString(6));
                if (entry.IsTable && entry.Name == journalName)
                {
                    journalOid = entry.Oid;
                    continue;
                }

                entries.Add(entry);
            }
        }

        var kept = previous.Entries.Values.Where(e => (ScopeOf(e.Kind) & scope) == 0);
        return new CatalogState(entries
            .Where(e => journalOid == 0 || e.Owner != journalOid)
            .Concat(kept)
            .ToFrozenDictionary(e => (e.Kind, e.Key)));
    }

    private static CatalogScope ScopeOf(CatalogObjectKind kind) =>
        kind is CatalogObjectKind.Function or CatalogObjectKind.Type ? CatalogScope.Routines : CatalogScope.Relations;

    /// <summary>An empty state, for a script that creates everything.</summary>
    internal static CatalogState Empty { get; } =
        new(ImmutableArray<CatalogEntry>.Empty.ToFrozenDictionary(e => (e.Kind, e.Key)));
}
