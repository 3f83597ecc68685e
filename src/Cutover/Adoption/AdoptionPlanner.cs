using System.Collections.Immutable;
using Cutover.Journal;
using Cutover.Scripts;

namespace Cutover.Adoption;

/// <summary>Pairs another tool's history with Cutover's folder; pure logic, no database. Content is the identity: an
/// entry names a file of the previous tool's folder (by that tool's naming, and its checksum where it records one),
/// and that file pairs with the script of Cutover's folder that has the same text, line endings folded.</summary>
internal static class AdoptionPlanner
{
    public static AdoptionPlan Plan(
        PreviousToolHistory history,
        IReadOnlyList<HistoryEntry> entries,
        PreviousScriptFolder folder,
        MigrationSet scripts,
        IReadOnlyList<JournalRow> journal)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(journal);

        var tool = PreviousTools.DisplayName(history.Tool);
        var problems = ImmutableArray.CreateBuilder<AdoptionProblem>();
        var skipped = ImmutableArray.CreateBuilder<SkippedHistoryEntry>();
        var recorded = journal.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var claims = new Dictionary<string, AdoptionClaim>(StringComparer.Ordinal);
        var pairedFiles = new HashSet<string>(StringComparer.Ordinal);

        // Scripts of Cutover's folder by content, each handed out once, in order (two scripts may share a text).
        var byContent = scripts.Scripts.GroupBy(s => s.Checksum, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new Queue<MigrationScript>(g), StringComparer.Ordinal);
        var byContentAll = scripts.Scripts.Select(s => s.Checksum).ToHashSet(StringComparer.Ordinal);
        MigrationScript? Pair(PreviousScriptFile file) =>
            byContent.TryGetValue(file.CutoverChecksum, out var queue) && queue.TryDequeue(out var script) ? script : null;

        void Claim(MigrationScript script, PreviousScriptFile? file, HistoryEntry entry)
        {
            if (claims.TryAdd(script.Name.Name, new AdoptionClaim(script, file, entry, recorded.Contains(script.Name.Name))) &&
                file is not null)
            {
                pairedFiles.Add(file.RelativePath);
            }
        }

        // A script run, failed, then run again has several rows: the last one says where it stands.
        var latest = entries.Select((entry, index) => (entry, index))
            .Where(e => e.entry.Kind == HistoryEntryKind.Script)
            .GroupBy(e => history.Identity(e.entry), StringComparer.Ordinal)
            .Select(g => g.Last())
            .OrderBy(e => e.index)
            .Select(e => e.entry);
        foreach (var entry in latest)
        {
            if (!entry.Succeeded)
            {
                problems.Add(new(AdoptionProblemKind.Failed, entry.Reference,
                    $"{tool} recorded {entry.Script} as failed{(entry.Error is { Length: > 0 } error ? $" ({FirstLine(error)})" : "")}: " +
                    $"finish it with {tool} (or repair its history) before adopting"));
                continue;
            }

            var file = history.FindFile(entry, folder);
            if (file is null)
            {
                problems.Add(new(AdoptionProblemKind.MissingFile, entry.Reference,
                    $"{tool}'s history names {entry.Script}, which {folder.Root} lacks"));
                continue;
            }

            if (entry.Checksum is { Length: > 0 } recordedChecksum && history.ChecksumOf(file) is { } computed &&
                !history.SameChecksum(recordedChecksum, computed))
            {
                problems.Add(new(AdoptionProblemKind.ChecksumMismatch, file.Location,
                    $"changed since {tool} ran it ({entry.Reference}): {tool} recorded checksum {recordedChecksum}, " +
                    $"the file has {computed}; restore the file as it ran"));
                continue;
            }

            if (pairedFiles.Contains(file.RelativePath))
            {
                continue;
            }

            if (Pair(file) is not { } script)
            {
                problems.Add(new(AdoptionProblemKind.NoCounterpart, file.Location,
                    $"{tool} ran it ({entry.Reference}) but no script of {scripts.Description} has its content " +
                    "(line endings aside): add it under a Cutover name (--dry-run proposes names), with the same text"));
                continue;
            }

            Claim(script, file, entry);
        }

        HistoryEntry? lastBaseline = null;
        foreach (var entry in entries.Where(e => e.Kind == HistoryEntryKind.Baseline && e.Succeeded))
        {
            if (!ScriptVersion.TryParse(entry.Version, out var baseline))
            {
                skipped.Add(new(entry.Reference, entry.Version ?? "", $"a baseline at '{entry.Version}', which is not a version"));
                continue;
            }

            lastBaseline = entry;

            // The previous tool's files below the baseline pair with Cutover's scripts by content.
            foreach (var file in folder.Files.Where(f => history.IsMigration(f) && !pairedFiles.Contains(f.RelativePath) &&
                                                         history.VersionOf(f) is { } v && history.BaselineCovers(baseline, v)))
            {
                if (Pair(file) is { } script)
                {
                    Claim(script, file, entry);
                }
            }
        }

        if (lastBaseline is not null)
        {
            // A baseline also covers scripts of Cutover's folder the previous tool never had (Procrastinate's initial
            // schema, which Pum users installed by hand before their baseline): those that sort before everything the
            // history has. Never by comparing versions across tools: Flyway's V1 is not Cutover's 01.00.00, and
            // a script wrongly taken as applied would never run.
            if (claims.Count > 0)
            {
                var first = claims.Values.Min(c => c.Script.Name)!;
                foreach (var script in scripts.Scripts.Where(s => !claims.ContainsKey(s.Name.Name) && s.Name < first))
                {
                    Claim(script, null, lastBaseline);
                }
            }
            else if (history.NamesCarryCutoverVersions && ScriptVersion.TryParse(lastBaseline.Version, out var version))
            {
                foreach (var script in scripts.Scripts.Where(s => history.BaselineCovers(version, s.Version)))
                {
                    Claim(script, null, lastBaseline);
                }
            }
        }

        foreach (var entry in entries)
        {
            var reason = entry.Kind switch
            {
                HistoryEntryKind.Rerunnable =>
                    $"{tool} runs it again whenever it changes; Cutover runs each script once, so keep what it builds " +
                    "in a migration (CREATE OR REPLACE in a new script when it changes)",
                HistoryEntryKind.Code => $"code, not SQL: {tool} ran it; Cutover has nothing to record for it",
                _ => null,
            };
            if (reason is not null && entry.Succeeded)
            {
                skipped.Add(new(entry.Reference, entry.Script, reason));
            }
        }

        // Adopting must leave a state upgrade can go on from: nothing the history lacks may sort before what it has.
        var covered = scripts.Scripts.Where(s => claims.ContainsKey(s.Name.Name) || recorded.Contains(s.Name.Name)).ToList();
        var pending = scripts.Scripts.Where(s => !claims.ContainsKey(s.Name.Name) && !recorded.Contains(s.Name.Name))
            .ToImmutableArray();
        if (covered.Count > 0)
        {
            var last = covered.Max(s => s.Name)!;
            foreach (var gap in pending.Where(s => s.Name < last))
            {
                problems.Add(new(AdoptionProblemKind.OutOfOrder, gap.Location,
                    $"{tool}'s history lacks it, yet it sorts before {last.Name}, which the history has: upgrade would " +
                    $"apply it out of order; if {tool} ran it under another name or text, make the two agree"));
            }
        }

        var proposals = CutoverNameProposer.Propose(history, folder.Files,
            f => !pairedFiles.Contains(f.RelativePath) && !byContentAll.Contains(f.CutoverChecksum), scripts.Scripts);
        return new AdoptionPlan(
            [.. claims.Values.OrderBy(c => c.Script.Name)], skipped.ToImmutable(), problems.ToImmutable(), pending,
            proposals);
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
