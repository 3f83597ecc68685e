using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Cutover.Journal;
using Cutover.Scripts;
using Npgsql;

namespace Cutover.Adoption;

/// <summary>One tool's history, in its own terms: how to read its table, which file an entry names, the checksum it
/// records, and the version its names carry. One subtype per tool and table layout.</summary>
internal abstract partial class PreviousToolHistory
{
    public abstract PreviousTool Tool { get; }

    /// <summary>The columns that say a table is this tool's history (checked before it is read).</summary>
    public abstract ImmutableArray<string> RequiredColumns { get; }

    /// <summary>Reads every entry, in the order the tool ran them.</summary>
    public abstract Task<ImmutableArray<HistoryEntry>> ReadAsync(
        NpgsqlConnection connection, JournalTableName table, CancellationToken cancellationToken);

    /// <summary>The file an entry names, or null when the folder lacks it.</summary>
    public abstract PreviousScriptFile? FindFile(HistoryEntry entry, PreviousScriptFolder folder);

    /// <summary>What tells two rows of one script apart from rows of another: rows of one script (a failure, then a
    /// success) share it.</summary>
    public virtual string Identity(HistoryEntry entry) =>
        (entry ?? throw new ArgumentNullException(nameof(entry))).Script + "\0" + entry.Version;

    /// <summary>The checksum the tool records for <paramref name="file"/>, in the form it records it; null where it
    /// records none.</summary>
    public virtual string? ChecksumOf(PreviousScriptFile file) => null;

    /// <summary>Whether <paramref name="recorded"/> and <paramref name="computed"/> are the same checksum.</summary>
    public virtual bool SameChecksum(string recorded, string computed) =>
        string.Equals(recorded, computed, StringComparison.OrdinalIgnoreCase);

    /// <summary>The version the tool reads from the file's name; null where its names carry none.</summary>
    public virtual ScriptVersion? VersionOf(PreviousScriptFile file) => null;

    /// <summary>Whether a baseline at <paramref name="baseline"/> counts a script of <paramref name="version"/> as
    /// applied.</summary>
    public virtual bool BaselineCovers(ScriptVersion baseline, ScriptVersion version) => version <= baseline;

    /// <summary>Whether the tool's versions mean what Cutover's do (the latest release when a script was written), so
    /// that a baseline with nothing else in the history may be compared with Cutover's versions: Pum 0.x, whose delta
    /// names Cutover reads as they are.</summary>
    public virtual bool NamesCarryCutoverVersions => false;

    /// <summary>Whether the tool would run the file once, as a migration (not grate's anytime folders, say).</summary>
    public virtual bool IsMigration(PreviousScriptFile file) => true;

    /// <summary>The description part of the file's name, for a proposed Cutover name.</summary>
    public virtual string DescriptionOf(PreviousScriptFile file) => Path.GetFileNameWithoutExtension(file.FileName);

    /// <summary>The order the tool runs its files in, for proposed names.</summary>
    public virtual IEnumerable<PreviousScriptFile> InRunOrder(IEnumerable<PreviousScriptFile> files) =>
        files.OrderBy(f => f.RelativePath, StringComparer.Ordinal);

    /// <summary>The history of <paramref name="tool"/>, in the layout <paramref name="columns"/> show.</summary>
    public static PreviousToolHistory For(PreviousTool tool, IReadOnlySet<string> columns) => tool switch
    {
        PreviousTool.Pum when columns.Contains("changelog_files") => new PumChangelogHistory(),
        PreviousTool.Pum => new PumDeltaHistory(),
        PreviousTool.DbUp => new DbUpHistory(),
        PreviousTool.Evolve => new EvolveHistory(),
        PreviousTool.Grate => new GrateHistory(),
        PreviousTool.Flyway => new FlywayHistory(),
        _ => throw new ArgumentOutOfRangeException(nameof(tool), tool, null),
    };

    /// <summary>Where each tool keeps its history unless told otherwise, most likely first.</summary>
    public static ImmutableArray<JournalTableName> DefaultTables(PreviousTool tool) => tool switch
    {
        PreviousTool.Pum => [new("public", "pum_migrations"), new("public", "pum")],
        PreviousTool.DbUp => [new("public", "schemaversions")],
        PreviousTool.Evolve => [new("public", "changelog")],
        PreviousTool.Grate => [new("grate", "ScriptsRun")],
        PreviousTool.Flyway => [new("public", "flyway_schema_history")],
        _ => throw new ArgumentOutOfRangeException(nameof(tool), tool, null),
    };

    protected static async Task<ImmutableArray<HistoryEntry>> QueryAsync(
        NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, HistoryEntry> map,
        CancellationToken cancellationToken)
    {
        var entries = ImmutableArray.CreateBuilder<HistoryEntry>();
        var command = new NpgsqlCommand(sql, connection);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    entries.Add(map(reader));
                }
            }
        }

        return entries.ToImmutable();
    }

    protected static string? NullableString(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    protected static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    protected static string Row(JournalTableName table, long id) =>
        table + " #" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The one file whose path is <paramref name="path"/>, or failing that the one whose name is its last
    /// segment; null when there is none or more than one.</summary>
    protected static PreviousScriptFile? ByPathOrName(PreviousScriptFolder folder, string path)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var normalized = (path ?? throw new ArgumentNullException(nameof(path))).Replace('\\', '/');
        if (folder.ByRelativePath.TryGetValue(normalized, out var exact))
        {
            return exact;
        }

        var name = normalized[(normalized.LastIndexOf('/') + 1)..];
        var byName = folder.ByFileName[name].ToList();
        if (byName.Count <= 1)
        {
            return byName.SingleOrDefault();
        }

        // Several folders hold that name: the recorded path's tail tells which.
        var suffix = byName.Where(f => normalized.EndsWith("/" + f.RelativePath, StringComparison.Ordinal) ||
                                       f.RelativePath.EndsWith("/" + normalized, StringComparison.Ordinal)).ToList();
        return suffix.Count == 1 ? suffix[0] : null;
    }

    /// <summary>Flyway's and Evolve's names: <c>V1_2__desc.sql</c> (or <c>V1.2__desc.sql</c>).</summary>
    [GeneratedRegex(@"^V(?<version>\d+(?:[._]\d+)*)__(?<description>.+)\.sql$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    protected static partial Regex VersionedFileName();

    protected static ScriptVersion? FlywayVersion(PreviousScriptFile file) =>
        VersionedFileName().Match(file.FileName) is { Success: true } match &&
        ScriptVersion.TryParse(match.Groups["version"].Value.Replace('_', '.'), out var version)
            ? version
            : null;

    protected static string FlywayDescription(PreviousScriptFile file) =>
        VersionedFileName().Match(file.FileName) is { Success: true } match
            ? match.Groups["description"].Value
            : Path.GetFileNameWithoutExtension(file.FileName);
}
