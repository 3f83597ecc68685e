using System.Collections.Immutable;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Cutover.PostDeploy;

/// <summary>How a backfill pages through its table: the key columns found in the catalog, the keyset query that
/// finds each batch's bounds, and the cursor's text form.</summary>
/// <remarks>A single smallint/integer/bigint key walks exactly as before keys of other types existed (bigint
/// bounds, a plain integer cursor), so a backfill started by an earlier version resumes from its cursor. Any other
/// key, single or composite, walks by row-value comparison, <c>WHERE (k1, k2) &gt; (cursor) ORDER BY k1, k2 LIMIT
/// n</c>, which a btree index on <c>(k1, k2)</c> answers without sorting; key values travel as text parameters of
/// unknown type, so PostgreSQL reads them with the column's own type and compares them in the column's collation,
/// the order its index is in.</remarks>
internal sealed class BackfillKeyset
{
    private readonly string _table;
    private readonly ImmutableArray<BackfillKeyColumn> _columns;
    private readonly string _columnList;

    private BackfillKeyset(string table, ImmutableArray<BackfillKeyColumn> columns)
    {
        _table = table;
        _columns = columns;
        _columnList = string.Join(", ", columns.Select(c => c.Quoted));
    }

    public bool IsInteger => _columns is [{ IsInteger: true }];

    public int ColumnCount => _columns.Length;

    /// <summary>Finds the table and its key columns in the catalog and refuses, naming them, a table or column that
    /// does not exist or a key column holding NULLs, before any batch runs.</summary>
    /// <exception cref="ArgumentException">The table or a key column does not exist.</exception>
    /// <exception cref="InvalidOperationException">A key column holds NULLs.</exception>
    public static async Task<BackfillKeyset> ResolveAsync(
        NpgsqlConnection connection, BackfillOptions options, CancellationToken cancellationToken)
    {
        var names = options.EffectiveKeyColumns;
        var requested = SqlIdentifier.Quote(options.Schema, options.Table);
        string? table = null;
        var columns = ImmutableArray.CreateBuilder<BackfillKeyColumn>(names.Length);
        var missing = new List<string>();
        var command = new NpgsqlCommand("""
            SELECT format('%I.%I', n.nspname, c.relname), k.name, a.attname IS NOT NULL,
                   coalesce(format_type(a.atttypid, a.atttypmod), ''),
                   coalesce(b.oid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype), false),
                   coalesce(a.attnotnull, false)
            FROM pg_class AS c
            JOIN pg_namespace AS n ON n.oid = c.relnamespace
            CROSS JOIN unnest(@columns::text[]) WITH ORDINALITY AS k(name, position)
            LEFT JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attname = k.name AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_type AS t ON t.oid = a.atttypid
            LEFT JOIN pg_type AS b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
            WHERE c.oid = to_regclass(@table)
            ORDER BY k.position
            """, connection);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.AddWithValue("columns", names.ToArray());
            command.Parameters.AddWithValue("table", requested);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    table = reader.GetString(0);
                    var name = reader.GetString(1);
                    if (!reader.GetBoolean(2))
                    {
                        missing.Add(name);
                        continue;
                    }

                    columns.Add(new BackfillKeyColumn(name, reader.GetString(3), reader.GetBoolean(4), reader.GetBoolean(5)));
                }
            }
        }

        if (table is null)
        {
            throw new ArgumentException(
                $"BackfillOptions: table {requested} not found" +
                (options.Schema is null ? " on the search_path" : ""), nameof(options));
        }

        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"BackfillOptions: table {table} has no column " +
                string.Join(", ", missing.Select(SqlIdentifier.Quote)) + " (key columns are case-sensitive)",
                nameof(options));
        }

        var keyset = new BackfillKeyset(table, columns.MoveToImmutable());
        await keyset.RefuseNullKeysAsync(connection, cancellationToken).ConfigureAwait(false);
        return keyset;
    }

    /// <summary>Refuses to start while a nullable key column holds NULLs: a keyset walk cannot place NULL among the
    /// ordered keys, so those rows would be silently left out, and a backfill promises every row.</summary>
    private async Task RefuseNullKeysAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var nullable = _columns.Where(c => !c.NotNull).ToList();
        if (nullable.Count == 0)
        {
            return;
        }

        // One EXISTS per column: each stops at the first NULL, through the column's index when it has one.
        var command = new NpgsqlCommand(
            "SELECT " + string.Join(", ", nullable.Select(c => $"EXISTS (SELECT 1 FROM {_table} WHERE {c.Quoted} IS NULL)")),
            connection);
        await using (command.ConfigureAwait(false))
        {
            command.CommandTimeout = 0;
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var holdingNulls = nullable.Where((_, i) => reader.GetBoolean(i)).Select(c => SqlIdentifier.Quote(c.Name)).ToList();
                if (holdingNulls.Count > 0)
                {
                    throw new InvalidOperationException(
                        $"Backfill of {_table}: key column {string.Join(", ", holdingNulls)} holds NULLs; " +
                        "rows with a NULL key have no place in the key order and would never be visited. Give those rows " +
                        "a key or declare the column NOT NULL, or walk another key (such as the primary key)");
                }
            }
        }
    }

    /// <summary>Reads a saved cursor; null when none was saved (the walk starts before the first key).</summary>
    /// <exception cref="InvalidOperationException">The cursor does not fit this key (the key columns changed).</exception>
    public BackfillKey? ParseCursor(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        if (IsInteger)
        {
            // The only form ever saved for integer keys, by this version and every earlier one.
            return long.TryParse(cursor, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                ? new BackfillKey([cursor])
                : throw CursorMismatch(cursor);
        }

        return BackfillKey.TryParse(cursor, _columns.Length) ?? throw CursorMismatch(cursor);
    }

    private InvalidOperationException CursorMismatch(string cursor) => new(
        $"Backfill of {_table}: the saved cursor {cursor} is not a key of ({_columnList}); were the key columns " +
        "changed since the backfill started? Reset the action to start over");

    /// <summary>The cursor's text for the journal: a plain integer for an integer key, else a JSON array.</summary>
    public string FormatCursor(BackfillKey key) => IsInteger ? key.Values[0] : key.ToJson();

    /// <summary>The cursor as a bigint for integer keys: <see cref="long.MinValue"/> before the first batch.</summary>
    public static long IntegerOf(BackfillKey? key) =>
        key is null ? long.MinValue : long.Parse(key.Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public NpgsqlCommand CreateCountCommand(NpgsqlConnection connection, BackfillKey? cursor)
    {
        var command = new NpgsqlCommand($"SELECT count(*) FROM {_table} WHERE {After(cursor)}", connection);
        AddCursor(command, cursor);
        return command;
    }

    /// <summary>The query for the next batch: how many keys follow the cursor (up to the batch size), and the first
    /// and last of them; one row of (int rows, first, last), first and last null when no key follows.</summary>
    public NpgsqlCommand CreateNextBatchCommand(
        NpgsqlConnection connection, NpgsqlTransaction transaction, BackfillKey? cursor, int batchSize)
    {
        var key = _columns[0].Quoted;
        var sql = IsInteger
            // The upper bound is the key of the batch's last row, found through the key's index; ranges therefore
            // hold BatchSize rows however sparse the keys are.
            ? $"""
              SELECT count(*)::int, min(k)::bigint::text, max(k)::bigint::text FROM (
                  SELECT {key} AS k FROM {_table} WHERE {After(cursor)} ORDER BY {key} LIMIT @batch_size) AS batch
              """
            // The CTE is read three times, so PostgreSQL materializes it once. json_build_array renders dates and
            // times in ISO 8601 whatever DateStyle is, and numbers with all their digits, so the text reads back
            // exactly as the same value.
            : $"""
              WITH batch AS (
                  SELECT {_columnList} FROM {_table} WHERE {After(cursor)}
                  ORDER BY {_columnList} LIMIT @batch_size)
              SELECT (SELECT count(*)::int FROM batch),
                     (SELECT json_build_array({_columnList})::text FROM batch ORDER BY {_columnList} LIMIT 1),
                     (SELECT json_build_array({_columnList})::text FROM batch ORDER BY {Descending()} LIMIT 1)
              """;
        var command = new NpgsqlCommand(sql, connection, transaction);
        AddCursor(command, cursor);
        command.Parameters.AddWithValue("batch_size", batchSize);
        return command;
    }

    /// <summary>Reads a key as <see cref="CreateNextBatchCommand"/> returns it.</summary>
    public BackfillKey ReadKey(string text) =>
        IsInteger ? new BackfillKey([text]) : BackfillKey.TryParse(text, _columns.Length)
            ?? throw new InvalidOperationException($"Backfill of {_table}: cannot read key {text} of ({_columnList})");

    private string Descending() => string.Join(", ", _columns.Select(c => c.Quoted + " DESC"));

    /// <summary>The condition "after the cursor"; rows with a NULL in a nullable key column are left out so that they
    /// cannot stop the walk (none existed at the start, see <see cref="RefuseNullKeysAsync"/>).</summary>
    private string After(BackfillKey? cursor)
    {
        if (IsInteger)
        {
            return $"{_columns[0].Quoted} > @cursor";
        }

        var conditions = _columns.Where(c => !c.NotNull).Select(c => $"{c.Quoted} IS NOT NULL").ToList();
        if (cursor is not null)
        {
            var parameters = Enumerable.Range(1, _columns.Length).Select(i => "@cursor" + i.ToString(CultureInfo.InvariantCulture));
            conditions.Insert(0, $"({_columnList}) > ({string.Join(", ", parameters)})");
        }

        return conditions.Count == 0 ? "true" : string.Join(" AND ", conditions);
    }

    private void AddCursor(NpgsqlCommand command, BackfillKey? cursor)
    {
        if (IsInteger)
        {
            command.Parameters.AddWithValue("cursor", IntegerOf(cursor));
            return;
        }

        for (var i = 0; cursor is not null && i < _columns.Length; i++)
        {
            command.Parameters.Add(UnknownText("cursor" + (i + 1).ToString(CultureInfo.InvariantCulture), cursor.Values[i]));
        }
    }

    /// <summary>A text parameter of unknown type: PostgreSQL infers its type from where it is used (the key column it
    /// is compared with) and reads the text with that type's input function, as it would a quoted literal.</summary>
    internal static NpgsqlParameter UnknownText(string name, string value) =>
        new(name, NpgsqlDbType.Unknown) { Value = value };
}
