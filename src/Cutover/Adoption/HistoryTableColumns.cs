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
