using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Cutover.Journal;

namespace Cutover.Adoption;

/// <summary>DbUp: <c>schemaversions</c> (<c>schemaversionsid</c>, <c>scriptname</c>, <c>applied</c>), a row per
/// script that succeeded, no checksums. A script's name is its path below the scripts folder with <c>.</c> for
/// <c>/</c> (<c>WithScriptsFromFileSystem</c>), or its embedded resource's name (<c>Namespace.Folder.file.sql</c>).
/// </summary>
internal sealed partial class DbUpHistory : PreviousToolHistory
{
    public override PreviousTool Tool => PreviousTool.DbUp;

    public override ImmutableArray<string> RequiredColumns => ["schemaversionsid", "scriptname", "applied"];

    public override Task<ImmutableArray<HistoryEntry>> ReadAsync(
        Npgsql.NpgsqlConnection connection, JournalTableName table, CancellationToken cancellationToken) =>
        QueryAsync(connection,
            $"SELECT schemaversionsid, scriptname::text, applied::timestamptz FROM {table.Quoted} ORDER BY schemaversionsid",
            reader => new HistoryEntry(Row(table, reader.GetInt32(0)), reader.GetString(1), null, null, null,
                NullableTime(reader, 2), null, true, HistoryEntryKind.Script),
            cancellationToken);

    public override PreviousScriptFile? FindFile(HistoryEntry entry, PreviousScriptFolder folder)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(folder);
        var name = entry.Script;
        var candidates = folder.Files.Where(f =>
        {
            var dotted = f.RelativePath.Replace('/', '.');
            return string.Equals(dotted, name, StringComparison.Ordinal) ||
                   string.Equals(f.RelativePath, name, StringComparison.Ordinal) ||
                   name.EndsWith("." + dotted, StringComparison.Ordinal);
        }).ToList();
        if (candidates.Count > 1)
        {
            // The longest match names the file most precisely (a.b.sql against b.sql).
            var longest = candidates.Max(f => f.RelativePath.Length);
            candidates = [.. candidates.Where(f => f.RelativePath.Length == longest)];
        }

        return candidates.Count == 1 ? candidates[0] : null;
    }

    public override string DescriptionOf(PreviousScriptFile file) =>
        LeadingNumber().Replace(base.DescriptionOf(file), "");

    [GeneratedRegex(@"^(?:Script)?\d+[\s_.-]*(?:-\s*)?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LeadingNumber();
}
