using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Cutover.Safety;

/// <summary>Gives the tables of a scratch database a few rows, made up from their column types, so that a scan, a
/// validation or a NOT NULL check in the statement after really has rows to look at.</summary>
/// <remarks>Best effort: a table whose rows cannot be made up (a NOT NULL column of a type it does not know, a CHECK
/// the made-up values fail) stays as it is. Each insert runs under a savepoint of the caller's transaction, and
/// tables are tried again while one more succeeds, so that a table referencing another gets rows after it.</remarks>
internal static class RowSeeder
{
    private const string ColumnsSql = """
        SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname), quote_ident(a.attname),
               format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '',
               bt.typcategory::text, format_type(bt.oid, NULL), a.attgenerated <> '' OR a.attidentity = 'a',
               (SELECT quote_ident(rn.nspname) || '.' || quote_ident(rc.relname) || ' ' || quote_ident(ra.attname)
                FROM pg_constraint f JOIN pg_class rc ON rc.oid = f.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                JOIN pg_attribute ra ON ra.attrelid = f.confrelid AND ra.attnum = f.confkey[1]
                WHERE f.contype = 'f' AND f.conrelid = c.oid AND f.conkey = ARRAY[a.attnum] LIMIT 1)
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_type t ON t.oid = a.atttypid
        JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
        WHERE c.oid = ANY($1::bigint[]::oid[]) AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY c.oid, a.attnum
        """;

    private sealed record Column(
        string Name, string Type, bool NotNull, bool HasDefault, string Category, string BaseType, bool Generated,
        string? References);

    /// <summary>Inserts <paramref name="rows"/> rows into each table of <paramref name="tables"/> that takes them.</summary>
    public static async Task SeedAsync(
        NpgsqlConnection connection, IReadOnlyCollection<uint> tables, int rows, CancellationToken cancellationToken)
    {
        if (rows == 0 || tables.Count == 0)
        {
            return;
        }

        var columns = await ReadColumnsAsync(connection, tables, cancellationToken).ConfigureAwait(false);
        var pending = columns.Select(t => (t.Table, Inserts: InsertsFor(t.Table, t.Columns, rows))).ToList();
        for (var pass = 0; pass < 3 && pending.Count > 0; pass++)
        {
            var failed = new List<(string Table, ImmutableArray<string> Inserts)>();
            foreach (var table in pending)
            {
                if (!await TryInsertAsync(connection, table.Inserts, cancellationToken).ConfigureAwait(false))
                {
                    failed.Add(table);
                }
            }

            if (failed.Count == pending.Count)
            {
                break;
            }

            pending = failed;
        }
    }

    private static async Task<bool> TryInsertAsync(
        NpgsqlConnection connection, ImmutableArray<string> inserts, CancellationToken cancellationToken)
    {
        foreach (var insert in inserts)
        {
            // One round trip: the insert under a savepoint; a failure stops the batch at the insert.
            var batch = new NpgsqlBatch(connection)
            {
                BatchCommands = { new("SAVEPOINT cutover_lint_seed"), new(insert), new("RELEASE SAVEPOINT cutover_lint_seed") },
            };
            await using (batch.ConfigureAwait(false))
            {
                try
                {
                    await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    return true;
                }
                catch (PostgresException)
                {
                    await ScratchSql.ExecuteAsync(connection, "ROLLBACK TO SAVEPOINT cutover_lint_seed", cancellationToken)
                        .ConfigureAwait(false);
                }
            }
        }

        return false;
    }

    // Two tries: every column filled (so that a later SET NOT NULL or CHECK finds values), then only what must be.
    private static ImmutableArray<string> InsertsFor(string table, IReadOnlyList<Column> columns, int rows)
    {
        var full = Insert(table, columns.Where(c => !c.Generated && (!c.HasDefault || c.References is not null)), rows);
        var minimal = Insert(table, columns.Where(c => !c.Generated && !c.HasDefault && (c.NotNull || c.References is not null)), rows);
        return [.. new[] { full, minimal }.OfType<string>().Distinct(StringComparer.Ordinal)];
    }

    private static string? Insert(string table, IEnumerable<Column> columns, int rows)
    {
        var names = new List<string>();
        var values = new List<string>();
        foreach (var column in columns)
        {
            if (ValueOf(column) is { } value)
            {
                names.Add(column.Name);
                values.Add(value);
            }
            else if (column.NotNull)
            {
                return null;
            }
        }

        var sql = new StringBuilder("INSERT INTO ").Append(table);
        if (names.Count == 0)
        {
            // A SELECT of no columns inserts rows of defaults only.
            return sql.Append(" SELECT FROM generate_series(1, ").Append(rows.ToString(CultureInfo.InvariantCulture))
                .Append(')').ToString();
        }

        return sql.Append(" (").AppendJoin(", ", names).Append(") SELECT ").AppendJoin(", ", values)
            .Append(" FROM generate_series(1, ").Append(rows.ToString(CultureInfo.InvariantCulture)).Append(") AS g").ToString();
    }

    // g is the row number: values differ between rows (unique columns) and enums cycle through their labels (so that
    // a WHERE on a status matches some rows, not all).
    private static string? ValueOf(Column column)
    {
        if (column.References is { } references)
        {
            var space = references.LastIndexOf(' ');
            var (table, key) = (references[..space], references[(space + 1)..]);
            return $"(SELECT r.{key} FROM {table} r ORDER BY 1 LIMIT 1 OFFSET (g - 1) % GREATEST((SELECT count(*) FROM {table}), 1))";
        }

        var type = column.Type;
        return column.Category switch
        {
            "N" => $"g::{type}",
            "S" => $"g::text::{type}",
            "B" => "(g % 2 = 1)",
            "D" => $"(now() - g * interval '1 day')::{type}",
            "T" => $"(g * interval '1 minute')::{type}",
            "E" => $"((enum_range(NULL::{column.BaseType}))[1 + (g - 1) % cardinality(enum_range(NULL::{column.BaseType}))])::{type}",
            "A" => $"'{{}}'::{type}",
            "I" => $"('10.0.0.' || g)::{type}",
            "R" => $"'empty'::{type}",
            "U" when column.BaseType == "uuid" => $"gen_random_uuid()::{type}",
            "U" when column.BaseType is "json" or "jsonb" => $"'{{}}'::{type}",
            "U" when column.BaseType == "bytea" => $"'\\x00'::{type}",
            _ => null,
        };
    }

    private static async Task<List<(string Table, List<Column> Columns)>> ReadColumnsAsync(
        NpgsqlConnection connection, IReadOnlyCollection<uint> tables, CancellationToken cancellationToken)
    {
        var result = new List<(string Table, List<Column> Columns)>();
        var command = new NpgsqlCommand(ColumnsSql, connection) { Parameters = { new() { Value = tables.Select(t => (long)t).ToArray() } } };
        await using (command.ConfigureAwait(false))
        {
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                uint current = 0;
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var oid = reader.GetFieldValue<uint>(0);
                    if (oid != current || result.Count == 0)
                    {
                        result.Add((reader.GetString(1), []));
                        current = oid;
                    }

                    result[^1].Columns.Add(new Column(reader.GetString(2), reader.GetString(3), reader.GetBoolean(4),
                        reader.GetBoolean(5), reader.GetString(6), reader.GetString(7), reader.GetBoolean(8),
                        reader.IsDBNull(9) ? null : reader.GetString(9)));
                }
            }
        }

        return result;
    }
}
