using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Cutover.Journal;
using Cutover.Scripts;

namespace Cutover.Adoption;

/// <summary>Evolve: <c>changelog</c> (<c>type</c> 0 a migration, 1 a repeatable one, 2 and 3 its schema bookkeeping,
/// 4 a start version), Flyway's file names, and the MD5 of the text with line endings folded, in upper-case hex.
/// Evolve appends the duration to the description: <c>create c (6 ms)</c>.</summary>
internal sealed partial class EvolveHistory : PreviousToolHistory
{
    public override PreviousTool Tool => PreviousTool.Evolve;

    public override ImmutableArray<string> RequiredColumns =>
        ["id", "type", "version", "description", "name", "checksum", "installed_on", "success"];

    public override Task<ImmutableArray<HistoryEntry>> ReadAsync(
        Npgsql.NpgsqlConnection connection, JournalTableName table, CancellationToken cancellationToken) =>
        QueryAsync(connection,
            "SELECT id, type, version::text, description::text, name::text, checksum::text, installed_on::timestamptz, " +
            $"success FROM {table.Quoted} ORDER BY id",
            reader =>
            {
                var description = reader.GetString(3);
                return new HistoryEntry(
                    Row(table, reader.GetInt32(0)),
                    reader.GetString(4),
                    NullableString(reader, 2),
                    description,
                    NullableString(reader, 5),
                    NullableTime(reader, 6),
                    Duration().Match(description) is { Success: true } match
                        ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
                        : null,
                    reader.GetBoolean(7),
                    reader.IsDBNull(1) ? HistoryEntryKind.Bookkeeping : reader.GetInt16(1) switch
                    {
                        0 => HistoryEntryKind.Script,
                        1 => HistoryEntryKind.Rerunnable,
                        4 => HistoryEntryKind.Baseline,
                        _ => HistoryEntryKind.Bookkeeping,
                    });
            },
            cancellationToken);

    public override PreviousScriptFile? FindFile(HistoryEntry entry, PreviousScriptFolder folder) =>
        ByPathOrName(folder, entry?.Script ?? throw new ArgumentNullException(nameof(entry)));

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms",
        Justification = "Reproduces the MD5 Evolve recorded, to tell a changed file; Cutover's own checksum is SHA-256")]
    public override string? ChecksumOf(PreviousScriptFile file) =>
        Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(ScriptChecksum.Normalize(file.Text))));

    public override ScriptVersion? VersionOf(PreviousScriptFile file) => FlywayVersion(file);

    /// <summary>Evolve's start version: migrations below it are not its concern.</summary>
    public override bool BaselineCovers(ScriptVersion baseline, ScriptVersion version) => version < baseline;

    public override bool IsMigration(PreviousScriptFile file) => VersionedFileName().IsMatch(file.FileName);

    public override string DescriptionOf(PreviousScriptFile file) => FlywayDescription(file);

    public override IEnumerable<PreviousScriptFile> InRunOrder(IEnumerable<PreviousScriptFile> files) =>
        files.Where(IsMigration).OrderBy(VersionOf);

    [GeneratedRegex(@"\((\d+) ms\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
