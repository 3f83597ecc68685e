using System.Collections.Immutable;
using Cutover.Journal;
using Npgsql;

namespace Cutover.Adoption;

/// <summary>Tells which tool a history table belongs to from its columns, so that a command pointed at the wrong
/// table can say what it is.</summary>
internal static class HistoryTableColumns
{
    public static async Task<ImmutableHashSet<string>> ReadAsync(
        NpgsqlConnection connection, JournalTableName table, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(
            "SELECT attname::text FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped",
            connection)
        {
            Parameters = { new() { Value = table.Quoted } },
        };
        var columns = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    columns.Add(reader.GetString(0));
                }
            }
        }

        return columns.ToImmutable();
    }

    /// <summary>grate's tables: a schema that holds nothing else is grate's own.</summary>
    private static readonly ImmutableHashSet<string> s_grateTables =
        ["ScriptsRun", "ScriptsRunErrors", "Version", "GrateScriptsRun", "GrateScriptsRunErrors", "GrateVersion"];

    /// <summary>Every table of the database that is another tool's history (as schema-qualified names), and every
    /// schema that holds only grate's tables: bookkeeping, not structure, once that history is adopted.</summary>
    public static async Task<(ImmutableArray<(JournalTableName Table, PreviousTool Tool)> Tables, ImmutableArray<string> Schemas)> FindHistoriesAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(
            "SELECT n.nspname::text, c.relname::text, array_agg(a.attname::text) FROM pg_class c " +
            "JOIN pg_namespace n ON n.oid = c.relnamespace " +
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped " +
            "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') " +
            "AND n.nspname NOT LIKE 'pg\\_%' GROUP BY 1, 2",
            connection);
        var tablesBySchema = new Dictionary<string, List<(string Table, PreviousTool? Tool)>>(StringComparer.Ordinal);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var schema = reader.GetString(0);
                    if (!tablesBySchema.TryGetValue(schema, out var tables))
                    {
                        tablesBySchema[schema] = tables = [];
                    }

                    tables.Add((reader.GetString(1), Recognize(reader.GetFieldValue<string[]>(2).ToHashSet(StringComparer.Ordinal))));
                }
            }
        }

        var histories = tablesBySchema.SelectMany(s => s.Value.Where(t => t.Tool is not null)
            .Select(t => (new JournalTableName(s.Key, t.Table), t.Tool!.Value)));
        var grateSchemas = tablesBySchema
            .Where(s => s.Value.Any(t => t.Tool == PreviousTool.Grate) && s.Value.All(t => s_grateTables.Contains(t.Table)))
            .Select(s => s.Key);
        return ([.. histories], [.. grateSchemas]);
    }

    /// <summary>The tool whose history has these columns, or null.</summary>
    public static PreviousTool? Recognize(IReadOnlySet<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        bool Has(params string[] names) => names.All(columns.Contains);
        return true switch
        {
            _ when Has("installed_rank", "version", "script", "checksum", "success") => PreviousTool.Flyway,
            _ when Has("version", "description", "type", "script", "checksum", "success") => PreviousTool.Pum,
            _ when Has("module", "version", "changelog_files") => PreviousTool.Pum,
            _ when Has("version", "description", "type", "name", "checksum", "success") => PreviousTool.Evolve,
            _ when Has("scriptname", "applied") => PreviousTool.DbUp,
            _ when Has("script_name", "text_hash", "one_time_script") => PreviousTool.Grate,
            _ => null,
        };
    }
}
