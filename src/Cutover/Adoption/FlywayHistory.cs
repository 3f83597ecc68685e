using System.Collections.Immutable;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Cutover.Journal;
using Cutover.Scripts;

namespace Cutover.Adoption;

/// <summary>Flyway: <c>flyway_schema_history</c> (<c>installed_rank</c>, <c>version</c>, <c>type</c> SQL, BASELINE,
/// SCHEMA, JDBC ..., <c>script</c>, a CRC32 <c>checksum</c>, <c>execution_time</c>, <c>success</c>). A versioned
/// script has a version; a repeatable one (<c>R__</c>) has none. A baseline counts its version and below as
/// applied.</summary>
internal sealed class FlywayHistory : PreviousToolHistory
{
    public override PreviousTool Tool => PreviousTool.Flyway;

    public override ImmutableArray<string> RequiredColumns =>
        ["installed_rank", "version", "type", "script", "checksum", "installed_on", "execution_time", "success"];

    public override Task<ImmutableArray<HistoryEntry>> ReadAsync(
        Npgsql.NpgsqlConnection connection, JournalTableName table, CancellationToken cancellationToken) =>
        QueryAsync(connection,
            "SELECT installed_rank, version::text, description::text, type::text, script::text, checksum, " +
            $"installed_on::timestamptz, execution_time, success FROM {table.Quoted} ORDER BY installed_rank",
            reader =>
            {
                var version = NullableString(reader, 1);
                return new HistoryEntry(
                    Row(table, reader.GetInt32(0)),
                    reader.GetString(4),
                    version,
                    NullableString(reader, 2),
                    reader.IsDBNull(5) ? null : reader.GetInt32(5).ToString(CultureInfo.InvariantCulture),
                    NullableTime(reader, 6),
                    reader.IsDBNull(7) ? null : reader.GetInt32(7),
                    reader.GetBoolean(8),
                    reader.GetString(3) switch
                    {
                        "SQL" when version is null => HistoryEntryKind.Rerunnable,
                        "SQL" => HistoryEntryKind.Script,
                        "BASELINE" => HistoryEntryKind.Baseline,
                        "SCHEMA" or "DELETE" or "UNDO_SQL" => HistoryEntryKind.Bookkeeping,
                        _ => HistoryEntryKind.Code,
                    });
            },
            cancellationToken);

    public override PreviousScriptFile? FindFile(HistoryEntry entry, PreviousScriptFolder folder) =>
        ByPathOrName(folder, entry?.Script ?? throw new ArgumentNullException(nameof(entry)));

    /// <summary>Flyway's checksum: CRC32 over the UTF-8 bytes of each line without its line break (a leading BOM
    /// dropped), as a signed 32-bit number.</summary>
    public override string? ChecksumOf(PreviousScriptFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var crc = new Crc32();
        foreach (var line in Lines(file.Text))
        {
            crc.Append(Encoding.UTF8.GetBytes(line));
        }

        return unchecked((int)crc.GetCurrentHashAsUInt32()).ToString(CultureInfo.InvariantCulture);
    }

    public override bool SameChecksum(string recorded, string computed) =>
        string.Equals(recorded, computed, StringComparison.Ordinal);

    public override ScriptVersion? VersionOf(PreviousScriptFile file) => FlywayVersion(file);

    public override bool IsMigration(PreviousScriptFile file) => VersionedFileName().IsMatch(file.FileName);

    public override string DescriptionOf(PreviousScriptFile file) => FlywayDescription(file);

    public override IEnumerable<PreviousScriptFile> InRunOrder(IEnumerable<PreviousScriptFile> files) =>
        files.Where(IsMigration).OrderBy(VersionOf);

    /// <summary>Lines as Java's <c>BufferedReader.readLine</c> reads them: ended by LF, CR or CRLF, the last one
    /// only if it is not empty.</summary>
    private static IEnumerable<string> Lines(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                yield return text[start..i];
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
