using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Cutover.Journal;

namespace Cutover.Adoption;

/// <summary>grate: <c>ScriptsRun</c> (a row per script run: <c>script_name</c>, <c>text_hash</c>, a base64 MD5 of
/// the text, and <c>one_time_script</c>) and <c>ScriptsRunErrors</c> beside it, in the
/// <c>grate</c> schema. Only the <c>up</c> folder's scripts run once; the others (views, sprocs, ...) run again
/// whenever they change.</summary>
internal sealed class GrateHistory : PreviousToolHistory
{
    private const string OneTimeFolder = "up/";

    public override PreviousTool Tool => PreviousTool.Grate;

    public override ImmutableArray<string> RequiredColumns =>
        ["id", "script_name", "text_hash", "one_time_script", "entry_date"];

    public override async Task<ImmutableArray<HistoryEntry>> ReadAsync(
        Npgsql.NpgsqlConnection connection, JournalTableName table, CancellationToken cancellationToken)
    {
        var runs = await QueryAsync(connection,
            "SELECT id, script_name::text, text_hash::text, one_time_script, entry_date::timestamptz " +
            $"FROM {table.Quoted} ORDER BY id",
            reader => new HistoryEntry(
                Row(table, reader.GetInt64(0)), reader.GetString(1), null, null, NullableString(reader, 2),
                NullableTime(reader, 4), null, true,
                reader.IsDBNull(3) || reader.GetBoolean(3) ? HistoryEntryKind.Script : HistoryEntryKind.Rerunnable),
            cancellationToken).ConfigureAwait(false);

        // A script that failed leaves a row in ScriptsRunErrors, beside ScriptsRun, and none in ScriptsRun.
        var errors = new JournalTableName(table.Schema, "ScriptsRunErrors");
        var exists = await HistoryTableColumns.ReadAsync(connection, errors, cancellationToken).ConfigureAwait(false);
        if (exists.Count == 0)
        {
            return runs;
        }

        var failures = await QueryAsync(connection,
            $"SELECT id, script_name::text, entry_date::timestamptz, error_message FROM {errors.Quoted} ORDER BY id",
            reader => new HistoryEntry(
                Row(errors, reader.GetInt64(0)), NullableString(reader, 1) ?? "", null, null, null,
                NullableTime(reader, 2), null, false, HistoryEntryKind.Script, NullableString(reader, 3)),
            cancellationToken).ConfigureAwait(false);
        var ran = runs.Select(r => r.Script).ToHashSet(StringComparer.Ordinal);
        return [.. runs, .. failures.Where(f => !ran.Contains(f.Script))];
    }

    public override PreviousScriptFile? FindFile(HistoryEntry entry, PreviousScriptFolder folder)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(folder);

        // grate records a script's path below its folder (up, views, ...); a one-time script is in up.
        var oneTime = folder.Files.Where(f => string.Equals(f.RelativePath, OneTimeFolder + entry.Script, StringComparison.Ordinal) ||
                                              f.RelativePath.EndsWith("/" + OneTimeFolder + entry.Script, StringComparison.Ordinal))
            .ToList();
        return oneTime.Count == 1 ? oneTime[0] : ByPathOrName(folder, entry.Script);
    }

    /// <remarks>grate's HashGenerator doubles single quotes and folds CRLF and CR to LF before it hashes.</remarks>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms",
        Justification = "Reproduces the MD5 grate recorded, to tell a changed file; Cutover's own checksum is SHA-256")]
    public override string? ChecksumOf(PreviousScriptFile file) =>
        Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes(
            (file ?? throw new ArgumentNullException(nameof(file))).Text
            .Replace("'", "''", StringComparison.Ordinal)
            .Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace('\r', '\n'))));

    public override bool SameChecksum(string recorded, string computed) =>
        string.Equals(recorded, computed, StringComparison.Ordinal);

    public override bool IsMigration(PreviousScriptFile file) =>
        file.RelativePath.StartsWith(OneTimeFolder, StringComparison.OrdinalIgnoreCase) ||
        file.RelativePath.Contains("/" + OneTimeFolder, StringComparison.OrdinalIgnoreCase);

    public override string DescriptionOf(PreviousScriptFile file)
    {
        var name = base.DescriptionOf(file);
        var start = 0;
        while (start < name.Length && (char.IsAsciiDigit(name[start]) || name[start] is '_' or '-' or '.' or ' '))
        {
            start++;
        }

        return start < name.Length ? name[start..] : name;
    }
}
