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
    internal const string Sql = """
        SELECT 0 AS cutover_lint_catalog, c.oid::text, n.nspname || '.' || c.relname, COALESCE(i.indrelid, 0), c.relkind::text, false,
               c.relfilenode::text
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_index i ON i.indexrelid = c.oid
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'i', 'I') AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        UNION ALL
        SELECT 1, a.attrelid::text || '.' || a.attnum, n.nspname || '.' || c.relname || '.' || a.attname, a.attrelid,
               format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef::text
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p')
          AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
        UNION ALL
        SELECT 2, co.oid::text, n.nspname || '.' || c.relname || '.' || co.conname, co.conrelid, co.contype::text,
               co.convalidated, co.conindid::text || '|' || COALESCE(array_to_string(co.conkey, ','), '')
        FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
        UNION ALL
        SELECT 3, p.oid::text, n.nspname || '.' || p.proname || '(' || oidvectortypes(p.proargtypes) || ')', 0,
               '', false, md5(COALESCE(p.prosrc, '') || '|' || p.prorettype::text || '|' || p.proretset::text)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        UNION ALL
        SELECT 4, t.oid::text, n.nspname || '.' || t.typname, 0, t.typtype::text, false, ''
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_class r ON r.oid = t.typrelid
        WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND r.relkind = 'c'))
          AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
        """;

    /// <summary>Reads the rows of <see cref="Sql"/>, leaving out the journal table and what belongs to it.</summary>
    internal static async Task<CatalogState> ReadAsync(
        NpgsqlDataReader reader, JournalTableName journal, CancellationToken cancellationToken)
    {
        var journalName = journal.Schema + "." + journal.Table;
        var entries = new List<CatalogEntry>();
        uint journalOid = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var entry = new CatalogEntry((CatalogObjectKind)reader.GetInt32(0), reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<uint>(3), reader.GetString(4), reader.GetBoolean(5), reader.GetString(6));
            if (entry.IsTable && entry.Name == journalName)
            {
                journalOid = entry.Oid;
                continue;
            }

            entries.Add(entry);
        }

        return new CatalogState(entries
            .Where(e => journalOid == 0 || e.Owner != journalOid)
            .ToFrozenDictionary(e => (e.Kind, e.Key)));
    }

    /// <summary>An empty state, for a script that creates everything.</summary>
    internal static CatalogState Empty { get; } =
        new(ImmutableArray<CatalogEntry>.Empty.ToFrozenDictionary(e => (e.Kind, e.Key)));
}
