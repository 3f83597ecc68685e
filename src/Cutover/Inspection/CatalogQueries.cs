namespace Cutover.Inspection;

/// <summary>The catalog queries behind <see cref="SchemaInspector"/>: one set-based query per kind of object, sent
/// in two batches (<see cref="Lanes"/>). Each takes the excluded schemas as <c>$1</c> (<c>text[]</c>).</summary>
/// <remarks>Each batch first sets <c>search_path</c> to <c>pg_catalog</c> for its own transaction, so that every
/// name the <c>pg_get_*def</c> functions print outside <c>pg_catalog</c> is schema-qualified, whatever search path
/// the database or role sets.</remarks>
internal static class CatalogQueries
{
    /// <summary>The head of the first batch: exports the transaction's snapshot for the second connection, and sets
    /// what <see cref="Settings"/> sets. One row: the snapshot's id.</summary>
    public static string ExportSnapshot(int serverMajorVersion) => "SELECT pg_export_snapshot(), " + Settings(serverMajorVersion);

    /// <summary>The head of the second batch, after <c>SET TRANSACTION SNAPSHOT</c>. One row.</summary>
    public static string SetSettings(int serverMajorVersion) => "SELECT " + Settings(serverMajorVersion);

    /// <summary>The statement that makes a transaction read the snapshot <paramref name="snapshotId"/> (an id from
    /// <c>pg_export_snapshot()</c>; SET takes no parameters, so it goes in as a literal).</summary>
    public static string ImportSnapshot(string snapshotId) => "SET TRANSACTION SNAPSHOT " + SqlIdentifier.QuoteLiteral(snapshotId);

    // Both for the transaction only. JIT (PostgreSQL 11+, on by default) compiles a query whose estimated cost passes
    // jit_above_cost: the constraints query does on a 2,000-table schema, and compiling took longer than it saved
    // (about 180 ms of 1.3 s), because each query runs once.
    private static string Settings(int serverMajorVersion) =>
        "set_config('search_path', 'pg_catalog', true)" +
        (serverMajorVersion >= 11 ? ", set_config('jit', 'off', true)" : "");

    // Schemas the server owns; temporary schemas belong to other sessions.
    private const string NamespaceFilter =
        "n.nspname <> ALL ($1::text[]) AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') " +
        "AND n.nspname !~ '^pg_(toast_)?temp_'";

    /// <summary>Which queries share a connection: the two lanes run at once on two connections, so that the
    /// definition-printing queries (views, constraints, indexes), which dominate on large schemas, are spread over two
    /// server processes. Indexes into <see cref="Build"/>'s list.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Lanes { get; } = [[0, 1, 2, 3, 7, 8, 11, 12, 13], [4, 5, 6, 9, 10]];

    /// <summary>The queries, in this order: schemas, extensions, relations, columns, constraints, indexes, sequences,
    /// routines, triggers, rules, policies, enums, domains, composite types.</summary>
    public static IReadOnlyList<string> Build(int serverMajorVersion, bool includePrivileges) =>
    [
        Schemas(includePrivileges),
        Extensions,
        Relations(includePrivileges),
        Columns(includePrivileges),
        Constraints(serverMajorVersion),
        Indexes,
        Sequences(includePrivileges),
        Routines(serverMajorVersion, includePrivileges),
        Triggers,
        Rules,
        Policies,
        Enums(includePrivileges),
        Domains(includePrivileges),
        CompositeTypes(includePrivileges),
    ];

    private static string NotFromExtension(string catalog, string oid) =>
        $"NOT EXISTS (SELECT FROM pg_depend x WHERE x.classid = '{catalog}'::regclass AND x.objid = {oid} " +
        "AND x.deptype = 'e')";

    private static string Description(string alias, string catalog, string oid, string subId = "0") =>
        $"LEFT JOIN pg_description {alias} ON {alias}.objoid = {oid} AND {alias}.classoid = '{catalog}'::regclass " +
        $"AND {alias}.objsubid = {subId}";

    // Grants per grantee, the owner spelled "(owner)" so that databases owned by different roles compare equal; a null
    // ACL means the defaults, which acldefault spells out.
    private static string Privileges(bool include, string acl, string owner, char kind, bool withDefault = true) =>
        !include
            ? "NULL::text"
            : "(SELECT string_agg(g.grantee || '=' || g.privileges, '; ' ORDER BY g.grantee) FROM (" +
              $"SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' WHEN a.grantee = {owner} THEN '(owner)' " +
              "ELSE (SELECT r.rolname FROM pg_roles r WHERE r.oid = a.grantee) END AS grantee, " +
              "string_agg(a.privilege_type || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END, ', ' " +
              "ORDER BY a.privilege_type) AS privileges " +
              (withDefault
                  ? $"FROM aclexplode(coalesce({acl}, acldefault('{kind}', {owner}))) a GROUP BY 1) g)"
                  : $"FROM aclexplode({acl}) a GROUP BY 1) g)");

    private static string QualifiedName(string schema, string name) => $"quote_ident({schema}) || '.' || quote_ident({name})";

    private static string Collation(string collation, string typeCollation) =>
        $"CASE WHEN {collation} <> {typeCollation} THEN (SELECT {QualifiedName("cn.nspname", "co.collname")} " +
        $"FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = {collation}) END";

    private static string Schemas(bool privileges) =>
        $"SELECT n.nspname, d.description, {Privileges(privileges, "n.nspacl", "n.nspowner", 'n')} " +
        "FROM pg_namespace n " + Description("d", "pg_namespace", "n.oid") +
        $" WHERE {NamespaceFilter} AND {NotFromExtension("pg_namespace", "n.oid")}";

    // Extensions belong to the database, not to a schema: only an excluded schema hides one.
    private const string Extensions =
        "SELECT e.extname, e.extversion, n.nspname FROM pg_extension e " +
        "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE n.nspname <> ALL ($1::text[])";

    private static string Relations(bool privileges) =>
        "SELECT n.nspname, c.relname, c.relkind::text, c.relpersistence::text, " +
        "CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, " +
        $"CASE WHEN c.relispartition THEN (SELECT {QualifiedName("pn.nspname", "pc.relname")} FROM pg_inherits i " +
        "JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace " +
        "WHERE i.inhrelid = c.oid) END, " +
        "CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END, " +
        $"CASE WHEN c.relispartition THEN '{{}}'::text[] ELSE ARRAY(SELECT {QualifiedName("pn.nspname", "pc.relname")} " +
        "FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace " +
        "WHERE i.inhrelid = c.oid ORDER BY i.inhseqno) END, " +
        "c.relrowsecurity, c.relforcerowsecurity, coalesce(c.reloptions, '{}'), " +
        "CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END, d.description, " +
        Privileges(privileges, "c.relacl", "c.relowner", 'r') +
        " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " + Description("d", "pg_class", "c.oid") +
        $" WHERE c.relkind IN ('r', 'p', 'v', 'm') AND {NamespaceFilter} AND {NotFromExtension("pg_class", "c.oid")}";

    // Positions count live columns only: a dropped column leaves a gap in attnum that a fresh install lacks.
    private static string Columns(bool privileges) =>
        "SELECT n.nspname, c.relname, a.attname, " +
        "(row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum))::int, " +
        "format_type(a.atttypid, a.atttypmod), a.attnotnull, " +
        "CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END, a.attidentity::text, " +
        "CASE WHEN a.attidentity <> '' THEN (SELECT format('START %s INCREMENT %s MINVALUE %s MAXVALUE %s CACHE %s%s', " +
        "s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, CASE WHEN s.seqcycle THEN ' CYCLE' ELSE '' END) " +
        "FROM pg_depend dep JOIN pg_sequence s ON s.seqrelid = dep.objid WHERE dep.classid = 'pg_class'::regclass " +
        "AND dep.refclassid = 'pg_class'::regclass AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum " +
        "AND dep.deptype = 'i') END, " +
        "CASE WHEN a.attgenerated = 's' THEN pg_get_expr(ad.adbin, ad.adrelid) END, " +
        Collation("a.attcollation", "t.typcollation") + ", d.description, " +
        $"CASE WHEN a.attacl IS NOT NULL THEN {Privileges(privileges, "a.attacl", "c.relowner", 'c', withDefault: false)} END " +
        "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "JOIN pg_type t ON t.oid = a.atttypid " +
        "LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum " +
        Description("d", "pg_class", "a.attrelid", "a.attnum") +
        " WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped " +
        $"AND {NamespaceFilter} AND {NotFromExtension("pg_class", "c.oid")}";

    private static string ColumnNames(string columns, string table) =>
        $"(SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.i) FROM unnest({columns}) WITH ORDINALITY k(n, i) " +
        $"JOIN pg_attribute a ON a.attrelid = {table} AND a.attnum = k.n)";

    // A foreign key's definition is rebuilt here without its match type and actions, which get properties of their
    // own; pg_get_constraintdef appends them in an order that is awkward to cut. Constraint triggers (contype t) are
    // described as triggers, and NOT NULL constraints (contype n, PostgreSQL 18) as their column's "not null".
    private static string Constraints(int serverMajorVersion) =>
        "SELECT n.nspname, c.relname, con.conname, con.contype::text, pg_get_constraintdef(con.oid), " +
        "con.condeferrable, con.condeferred, con.convalidated, " +
        $"CASE WHEN con.contype = 'f' THEN 'FOREIGN KEY (' || {ColumnNames("con.conkey", "con.conrelid")} || " +
        $"') REFERENCES ' || {QualifiedName("fn.nspname", "fc.relname")} || '(' || " +
        $"{ColumnNames("con.confkey", "con.confrelid")} || ')' END, " +
        "con.confmatchtype::text, con.confupdtype::text, con.confdeltype::text, " +
        // ON DELETE SET NULL (columns) arrived in PostgreSQL 15.
        (serverMajorVersion >= 15 ? ColumnNames("con.confdelsetcols", "con.conrelid") : "NULL::text") +
        ", d.description " +
        "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "LEFT JOIN pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace " +
        Description("d", "pg_constraint", "con.oid") +
        $" WHERE con.conrelid <> 0 AND con.contype NOT IN ('t', 'n') AND {NamespaceFilter} AND {NotFromExtension("pg_class", "c.oid")}";

    // Indexes that back a primary key, unique or exclusion constraint are the constraint's business.
    private static readonly string Indexes =
        "SELECT n.nspname, ic.relname, c.relname, i.indisunique, am.amname, pg_get_indexdef(i.indexrelid), " +
        "pg_get_expr(i.indpred, i.indrelid), i.indisvalid, d.description " +
        "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid " +
        "JOIN pg_namespace n ON n.oid = ic.relnamespace JOIN pg_am am ON am.oid = ic.relam " +
        Description("d", "pg_class", "ic.oid") +
        $" WHERE c.relkind IN ('r', 'p', 'm') AND {NamespaceFilter} AND {NotFromExtension("pg_class", "c.oid")} " +
        "AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conrelid = i.indrelid AND k.conindid = i.indexrelid " +
        "AND k.contype IN ('p', 'u', 'x'))";

    // Identity sequences (dependency type 'i') are part of their column.
    private static string Sequences(bool privileges) =>
        "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, " +
        "s.seqmax, s.seqcache, s.seqcycle, o.nspname, o.relname, o.attname, d.description, " +
        Privileges(privileges, "c.relacl", "c.relowner", 's') +
        " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "LEFT JOIN LATERAL (SELECT tn.nspname, tc.relname, ta.attname FROM pg_depend dep " +
        "JOIN pg_class tc ON tc.oid = dep.refobjid JOIN pg_namespace tn ON tn.oid = tc.relnamespace " +
        "JOIN pg_attribute ta ON ta.attrelid = dep.refobjid AND ta.attnum = dep.refobjsubid " +
        "WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid AND dep.refclassid = 'pg_class'::regclass " +
        "AND dep.deptype = 'a' LIMIT 1) o ON true " +
        Description("d", "pg_class", "c.oid") +
        $" WHERE {NamespaceFilter} AND {NotFromExtension("pg_class", "c.oid")} " +
        "AND NOT EXISTS (SELECT FROM pg_depend dep WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid " +
        "AND dep.deptype = 'i')";

    private static string Routines(int serverMajorVersion, bool privileges) =>
        "SELECT n.nspname, p.proname, oidvectortypes(p.proargtypes), p.prokind::text, " +
        "pg_get_function_arguments(p.oid), CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END, " +
        "l.lanname, p.provolatile::text, p.proisstrict, p.prosecdef, p.proleakproof, p.proparallel::text, " +
        "p.procost, p.prorows, ARRAY(SELECT x FROM unnest(p.proconfig) x ORDER BY x COLLATE \"C\"), " +
        // SQL-standard bodies (BEGIN ATOMIC) arrived in PostgreSQL 14; prosrc is empty for them.
        (serverMajorVersion >= 14
            ? "CASE WHEN p.prosqlbody IS NOT NULL THEN pg_get_function_sqlbody(p.oid) ELSE p.prosrc END, "
            : "p.prosrc, ") +
        "ag.aggkind::text, ag.aggtransfn::text, format_type(ag.aggtranstype, NULL), " +
        "CASE WHEN ag.aggfinalfn::oid <> 0 THEN ag.aggfinalfn::text END, " +
        "CASE WHEN ag.aggcombinefn::oid <> 0 THEN ag.aggcombinefn::text END, ag.agginitval, " +
        "CASE WHEN ag.aggsortop <> 0 THEN ag.aggsortop::regoperator::text END, d.description, " +
        Privileges(privileges, "p.proacl", "p.proowner", 'f') +
        " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang " +
        "LEFT JOIN pg_aggregate ag ON ag.aggfnoid = p.oid " + Description("d", "pg_proc", "p.oid") +
        $" WHERE {NamespaceFilter} AND {NotFromExtension("pg_proc", "p.oid")}";

    private static readonly string Triggers =
        "SELECT n.nspname, c.relname, t.tgname, t.tgtype::int, t.tgenabled::text, " +
        $"{QualifiedName("pn.nspname", "p.proname")}, t.tgargs, " +
        "ARRAY(SELECT a.attname FROM unnest(t.tgattr::int2[]) WITH ORDINALITY k(n, i) " +
        "JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.n ORDER BY k.i)::text[], " +
        "pg_get_triggerdef(t.oid), t.tgoldtable, t.tgnewtable, t.tgconstraint <> 0, t.tgdeferrable, " +
        "t.tginitdeferred, d.description " +
        "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_namespace pn ON pn.oid = p.pronamespace " +
        Description("d", "pg_trigger", "t.oid") +
        $" WHERE NOT t.tgisinternal AND {NamespaceFilter} AND {NotFromExtension("pg_class", "c.oid")}";

    private static readonly string Rules =
        "SELECT n.nspname, c.relname, r.rulename, pg_get_ruledef(r.oid), d.description " +
        "FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace " +
        Description("d", "pg_rewrite", "r.oid") +
        $" WHERE r.rulename <> '_RETURN' AND {NamespaceFilter} AND {NotFromExtension("pg_class", "c.oid")}";

    private static readonly string Policies =
        "SELECT n.nspname, c.relname, p.polname, p.polcmd::text, p.polpermissive, " +
        "ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'PUBLIC' ELSE ro.rolname::text END FROM unnest(p.polroles) r(oid) " +
        "LEFT JOIN pg_roles ro ON ro.oid = r.oid ORDER BY 1), " +
        "pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid), d.description " +
        "FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
        Description("d", "pg_policy", "p.oid") +
        $" WHERE {NamespaceFilter} AND {NotFromExtension("pg_class", "c.oid")}";

    private static string Enums(bool privileges) =>
        "SELECT n.nspname, t.typname, " +
        "ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder), " +
        $"d.description, {Privileges(privileges, "t.typacl", "t.typowner", 'T')} " +
        "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace " + Description("d", "pg_type", "t.oid") +
        $" WHERE t.typtype = 'e' AND {NamespaceFilter} AND {NotFromExtension("pg_type", "t.oid")}";

    private static string Domains(bool privileges) =>
        "SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), pg_get_expr(t.typdefaultbin, 0), " +
        $"t.typnotnull, {Collation("t.typcollation", "b.typcollation")}, " +
        "ARRAY(SELECT k.conname::text FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype <> 'n' ORDER BY k.conname), " +
        "ARRAY(SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype <> 'n' " +
        "ORDER BY k.conname), " +
        $"d.description, {Privileges(privileges, "t.typacl", "t.typowner", 'T')} " +
        "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_type b ON b.oid = t.typbasetype " +
        Description("d", "pg_type", "t.oid") +
        $" WHERE t.typtype = 'd' AND {NamespaceFilter} AND {NotFromExtension("pg_type", "t.oid")}";

    private static string CompositeTypes(bool privileges) =>
        "SELECT n.nspname, t.typname, " +
        "ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 " +
        "AND NOT a.attisdropped ORDER BY a.attnum), " +
        "ARRAY(SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = t.typrelid " +
        "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum), " +
        $"ARRAY(SELECT {Collation("a.attcollation", "at.typcollation")} FROM pg_attribute a " +
        "JOIN pg_type at ON at.oid = a.atttypid WHERE a.attrelid = t.typrelid " +
        "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum), " +
        $"d.description, {Privileges(privileges, "t.typacl", "t.typowner", 'T')} " +
        "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace " +
        "JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c' " + Description("d", "pg_type", "t.oid") +
        $" WHERE t.typtype = 'c' AND {NamespaceFilter} AND {NotFromExtension("pg_type", "t.oid")}";
}
