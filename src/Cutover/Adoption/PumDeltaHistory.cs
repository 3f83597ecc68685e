using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Cutover.Journal;
using Cutover.Scripts;

namespace Cutover.Adoption;

/// <summary>Pum 0.x: a row per delta file (<c>version</c>, <c>description</c>, <c>type</c>, <c>script</c>, the MD5 of
/// the file's bytes, <c>success</c>), and a baseline row of type 0. Pum runs every delta whose version is at least
/// the baseline's, so a baseline at 0.5.0 means "everything before 0.5.0".</summary>
internal sealed partial class PumDeltaHistory : PreviousToolHistory
{
    // Pum's DeltaType flags.
    private const int Python = 4;

    public override PreviousTool Tool => PreviousTool.Pum;

    public override ImmutableArray<string> RequiredColumns =>
        ["id", "version", "description", "type", "script", "checksum", "installed_on", "execution_time", "success"];

    public override Task<ImmutableArray<HistoryEntry>> ReadAsync(
        Npgsql.NpgsqlConnection connection, JournalTableName table, CancellationToken cancellationToken) =>
        QueryAsync(connection,
            "SELECT id, version::text, description::text, type, script::text, checksum::text, " +
            $"installed_on::timestamptz, execution_time, success FROM {table.Quoted} ORDER BY id",
            reader =>
            {
                var type = reader.GetInt32(3);
                return new HistoryEntry(
                    Row(table, reader.GetInt32(0)),
                    reader.GetString(4),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(5),
                    NullableTime(reader, 6),
                    reader.IsDBNull(7) ? null : reader.GetInt32(7),
                    reader.GetBoolean(8),
                    type == 0 ? HistoryEntryKind.Baseline
                    : (type & Python) != 0 ? HistoryEntryKind.Code
                    : HistoryEntryKind.Script);
            },
            cancellationToken);

    /// <summary>Pum finds an applied delta by version and description (the name after the version), as it does
    /// itself; the recorded path is where the file was on the machine that ran it.</summary>
    public override PreviousScriptFile? FindFile(HistoryEntry entry, PreviousScriptFolder folder)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(folder);
        if (ScriptVersion.TryParse(entry.Version, out var version))
        {
            var matches = folder.Files.Where(f => DeltaName().Match(f.FileName) is { Success: true } m &&
                                                  ScriptVersion.TryParse(m.Groups["version"].Value, out var v) &&
                                                  v == version &&
                                                  string.Equals(m.Groups["description"].Value, entry.Description,
                                                      StringComparison.Ordinal))
                .ToList();
            if (matches.Count == 1)
            {
                return matches[0];
            }
        }

        return ByPathOrName(folder, entry.Script);
    }

    /// <summary>Pum itself knows a delta by version and description; the path depends on where it ran.</summary>
    public override string Identity(HistoryEntry entry) =>
        (entry ?? throw new ArgumentNullException(nameof(entry))).Version + "\0" + entry.Description;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms",
        Justification = "Reproduces the MD5 Pum recorded, to tell a changed file; Cutover's own checksum is SHA-256")]
    public override string? ChecksumOf(PreviousScriptFile file) =>
        Convert.ToHexStringLower(MD5.HashData(file.Bytes));

    public override ScriptVersion? VersionOf(PreviousScriptFile file) =>
        DeltaName().Match(file.FileName) is { Success: true } match &&
        ScriptVersion.TryParse(match.Groups["version"].Value, out var version)
            ? version
            : null;

    public override bool NamesCarryCutoverVersions => true;

    public override bool BaselineCovers(ScriptVersion baseline, ScriptVersion version) => version < baseline;

    public override bool IsMigration(PreviousScriptFile file) => DeltaName().IsMatch(file.FileName);

    public override string DescriptionOf(PreviousScriptFile file) =>
        DeltaName().Match(file.FileName) is { Success: true } match
            ? SerialPrefix().Replace(match.Groups["description"].Value, "")
            : base.DescriptionOf(file);

    /// <summary>Pum's order: version, then pre before plain before post, then description.</summary>
    public override IEnumerable<PreviousScriptFile> InRunOrder(IEnumerable<PreviousScriptFile> files) =>
        files.Where(IsMigration)
            .OrderBy(f => VersionOf(f))
            .ThenBy(f => DeltaName().Match(f.FileName).Groups["ext"].Value.ToLowerInvariant() switch
            {
                "pre.sql" => 1,
                "post.sql" => 3,
                _ => 2,
            })
            .ThenBy(f => DeltaName().Match(f.FileName).Groups["description"].Value, StringComparer.Ordinal);

    // Pum 0.x's own pattern: the description is everything between the version and the extension.
    [GeneratedRegex(@"^delta_(?<version>\d+\.\d+\.\d+)_*(?<description>\w*)\.(?<ext>pre\.sql|sql|post\.sql)$", RegexOptions.CultureInvariant)]
    private static partial Regex DeltaName();

    [GeneratedRegex(@"^\d+_", RegexOptions.CultureInvariant)]
    private static partial Regex SerialPrefix();
}
