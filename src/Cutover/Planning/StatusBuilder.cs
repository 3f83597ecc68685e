using System.Collections.Immutable;
using Cutover.Journal;
using Cutover.Scripts;

namespace Cutover.Planning;

/// <summary>Builds <see cref="MigrationStatus"/> from scripts and journal; pure logic.</summary>
internal static class StatusBuilder
{
    public static MigrationStatus Build(
        MigrationSet scripts, ImmutableArray<JournalRow> journal, bool journalExists, bool runInProgress)
    {
        var drift = Planner.FindDrift(scripts, journal);
        if (runInProgress)
        {
            // A 'running' row under a live deploy lock is work in progress, not damage.
            drift = [.. drift.Where(f => f.Kind != DriftKind.Interrupted)];
        }

        var driftByName = drift.GroupBy(f => f.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (DriftKind?)g.First().Kind, StringComparer.Ordinal);
        var rows = journal.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var entries = ImmutableArray.CreateBuilder<ScriptStatus>();
        foreach (var script in scripts.Scripts)
        {
            var row = rows.GetValueOrDefault(script.Name.Name);
            entries.Add(new ScriptStatus(script.Name.Name, script.Version.Text, script.Phase,
                StateOf(row, driftByName.GetValueOrDefault(script.Name.Name), runInProgress), row?.AppliedAt));
        }

        foreach (var orphan in journal.Where(r => scripts.Find(r.Name) is null))
        {
            entries.Add(new ScriptStatus(orphan.Name, orphan.Version, orphan.Phase, ScriptState.FileMissing, orphan.AppliedAt));
        }

        var current = journal.Where(r => r.State == JournalState.Succeeded)
            .Select(r => ScriptVersion.TryParse(r.Version, out var v) ? v : default)
            .DefaultIfEmpty()
            .Max();
        return new MigrationStatus(
            journalExists,
            entries.ToImmutable(),
            journal.IsEmpty ? null : current.Text,
            Planner.Plan(scripts, journal, new PlanRequest(PhaseSelection.Pre)),
            Planner.Plan(scripts, journal, new PlanRequest(PhaseSelection.Post)),
            drift);
    }

    private static ScriptState StateOf(JournalRow? row, DriftKind? drift, bool runInProgress)
    {
        if (row is null)
        {
            return ScriptState.Pending;
        }

        return row.State switch
        {
            JournalState.Failed => ScriptState.Failed,
            JournalState.Running => runInProgress ? ScriptState.Running : ScriptState.Interrupted,
            _ when drift == DriftKind.ChecksumChanged => ScriptState.ChecksumChanged,
            _ => row.Kind switch
            {
                JournalEntryKind.Baseline => ScriptState.Baseline,
                JournalEntryKind.Schema => ScriptState.Schema,
                JournalEntryKind.Adopted => ScriptState.Adopted,
                _ => ScriptState.Applied,
            },
        };
    }
}
