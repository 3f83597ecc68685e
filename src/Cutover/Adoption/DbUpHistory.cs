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
        var exact = folder.ByDottedPath[name].Concat(folder.ByRelativePath.TryGetValue(name, out var byPath) ? [byPath] : [])
            .Distinct().ToList();
        if (exact.Count > 0)
        {
            return exact.Count == 1 ? exact[0] : null;
        }

        // An embedded resource: Namespace.Folder.file.sql ends with the file's dotted path. The longest suffix that
        // names a file names it most precisely (Scripts.a.sql before a.sql).
        for (var dot = name.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = name.IndexOf('.', dot + 1))
        {
            var matches = folder.ByDottedPath[name[(dot + 1)..]].ToList();
            if (matches.Count > 0)
            {
                return matches.Count == 1 ? matches[0] : null;
            }
        }

        return null;
    }

    public override string DescriptionOf(PreviousScriptFile file) =>
        LeadingNumber().Replace(base.DescriptionOf(file), "");

    [GeneratedRegex(@"^(?:Script)?\d+[\s_.-]*(?:-\s*)?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LeadingNumber();
}
