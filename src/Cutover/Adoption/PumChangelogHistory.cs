using System.Collections.Immutable;
using Cutover.Journal;
using Cutover.Scripts;

namespace Cutover.Adoption;

/// <summary>Pum 1.x: <c>pum_migrations</c>, one row per version applied with the paths of its changelog files
/// (<c>changelogs/VERSION/*.sql</c>), no checksums; a row without files is a baseline (everything up to its version).
/// </summary>
internal sealed class PumChangelogHistory : PreviousToolHistory
{
    public override PreviousTool Tool => PreviousTool.Pum;

    public override ImmutableArray<string> RequiredColumns => ["version", "changelog_files", "date_installed"];

    public override async Task<ImmutableArray<HistoryEntry>> ReadAsync(
        Npgsql.NpgsqlConnection connection, JournalTableName table, CancellationToken cancellationToken)
    {
        // One row per version: unnest it into an entry per file, or a baseline entry where it lists none.
        var rows = await QueryAsync(connection,
            "SELECT row_number() OVER (ORDER BY date_installed, id::text), version::text, f.path, " +
            "date_installed::timestamptz " +
            $"FROM {table.Quoted} LEFT JOIN LATERAL unnest(changelog_files) AS f(path) ON true " +
            "ORDER BY date_installed, id::text, f.path",
            reader => new HistoryEntry(
                table + " version " + reader.GetString(1),
                NullableString(reader, 2) ?? "",
                reader.GetString(1),
                null,
                null,
                NullableTime(reader, 3),
                null,
                true,
                reader.IsDBNull(2) ? HistoryEntryKind.Baseline : HistoryEntryKind.Script),
            cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>The recorded path is absolute on the machine that ran Pum; its last two segments,
    /// <c>VERSION/file.sql</c>, name the file below any copy of the module.</summary>
    public override PreviousScriptFile? FindFile(HistoryEntry entry, PreviousScriptFolder folder)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(folder);
        var segments = entry.Script.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2)
        {
            return null;
        }

        var tail = segments[^2] + "/" + segments[^1];
        var matches = folder.Files.Where(f => string.Equals(f.RelativePath, tail, StringComparison.Ordinal) ||
                                              f.RelativePath.EndsWith("/" + tail, StringComparison.Ordinal)).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    public override ScriptVersion? VersionOf(PreviousScriptFile file)
    {
        var segments = file.RelativePath.Split('/');
        return segments.Length >= 2 && ScriptVersion.TryParse(segments[^2], out var version) ? version : null;
    }

    public override bool IsMigration(PreviousScriptFile file) => VersionOf(file) is not null;

    public override string DescriptionOf(PreviousScriptFile file)
    {
        var name = base.DescriptionOf(file);
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        return underscore > 0 && name[..underscore].All(char.IsAsciiDigit) ? name[(underscore + 1)..] : name;
    }

    /// <summary>Pum 1.x's order: version, then file name.</summary>
    public override IEnumerable<PreviousScriptFile> InRunOrder(IEnumerable<PreviousScriptFile> files) =>
        files.Where(IsMigration).OrderBy(VersionOf).ThenBy(f => f.FileName, StringComparer.Ordinal);
}
