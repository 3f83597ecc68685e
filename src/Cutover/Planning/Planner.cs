using System.Collections.Immutable;
using Cutover.Journal;
using Cutover.Scripts;

namespace Cutover.Planning;

/// <summary>Decides what an upgrade applies from the scripts and the journal; pure logic, no database.</summary>
internal static class Planner
{
    /// <summary>Plans an upgrade.</summary>
    public static MigrationPlan Plan(MigrationSet scripts, IReadOnlyList<JournalRow> journal, PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(request);

        var pending = Pending(scripts, journal);
        var refusals = FindDrift(scripts, journal)
            .Where(f => f.Kind is not DriftKind.FileMissing && (f.Kind != DriftKind.OutOfOrder || !request.AllowOutOfOrder))
            .ToImmutableArray();

        var eligible = pending.Where(s => request.To is not { } to || s.Version <= to).ToList();
        var steps = new List<MigrationScript>();
        string? remark = null;
        switch (request.Phase)
        {
            case PhaseSelection.All:
                steps.AddRange(eligible);
                break;
            case PhaseSelection.Pre:
                steps.AddRange(eligible.TakeWhile(s => s.Phase == Phase.Pre));
                if (eligible.Count > steps.Count)
                {
                    remark = "post-migrations pending: deploy the new code, then run the post phase";
                }

                break;
            case PhaseSelection.Post:
                if (eligible.Count > 0 && eligible[0].Phase == Phase.Pre)
                {
                    remark = $"pre-migration {eligible[0].Name} is pending: run the pre phase first";
                    break;
                }

                steps.AddRange(eligible.TakeWhile(s => s.Phase == Phase.Post));
                if (eligible.Count > steps.Count)
                {
                    remark = "pre-migrations of a later release are pending: run the pre phase for them next";
                }

                break;
        }

        if (steps.Count == 0 && remark is null)
        {
            remark = pending.Length > eligible.Count
                ? $"up to date as far as {request.To}; {pending.Length - eligible.Count} later migration(s) pending"
                : "up to date: nothing pending";
        }

        return new MigrationPlan(request, [.. steps], refusals, remark, pending);
    }

    /// <summary>Scripts without a journal row, in order.</summary>
    public static ImmutableArray<MigrationScript> Pending(MigrationSet scripts, IReadOnlyList<JournalRow> journal)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(journal);
        var recorded = journal.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        return [.. scripts.Scripts.Where(s => !recorded.Contains(s.Name.Name))];
    }

    /// <summary>Every disagreement between journal and scripts: changed checksums, missing files, failed or
    /// interrupted no-transaction scripts, and pending scripts that sort before an applied one.</summary>
    public static ImmutableArray<DriftFinding> FindDrift(MigrationSet scripts, IReadOnlyList<JournalRow> journal)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(journal);
        var findings = ImmutableArray.CreateBuilder<DriftFinding>();
        foreach (var row in journal.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            var script = scripts.Find(row.Name);
            if (script is null)
            {
                findings.Add(new DriftFinding(row.Name, DriftKind.FileMissing,
                    "recorded in the journal but no such file exists"));
                continue;
            }

            switch (row.State)
            {
                case JournalState.Failed:
                    findings.Add(new DriftFinding(row.Name, DriftKind.Failed,
                        $"failed half-way ({row.Error ?? "no error recorded"}): fix the database, then run 'cutover repair'"));
                    continue;
                case JournalState.Running:
                    findings.Add(new DriftFinding(row.Name, DriftKind.Interrupted,
                        "a no-transaction run died half-way: check what it did, fix the database, then run 'cutover repair'"));
                    continue;
            }

            if (!string.Equals(row.Checksum, script.Checksum, StringComparison.Ordinal))
            {
                findings.Add(new DriftFinding(row.Name, DriftKind.ChecksumChanged,
                    $"changed since it was {KindVerb(row.Kind)} (checksum {Short(row.Checksum)} now {Short(script.Checksum)}): " +
                    "restore the file, or accept it with 'cutover repair --accept-checksums'"));
            }
        }

        var recorded = journal.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var applied = scripts.Scripts.Where(s => recorded.Contains(s.Name.Name)).ToList();
        if (applied.Count > 0)
        {
            var last = applied.Max(s => s.Name)!;
            foreach (var script in Pending(scripts, journal).Where(s => s.Name < last))
            {
                findings.Add(new DriftFinding(script.Name.Name, DriftKind.OutOfOrder,
                    $"pending but sorts before applied {last.Name}: rename it after the last applied script, " +
                    "or pass --allow-out-of-order"));
            }
        }

        return findings.ToImmutable();
    }

    private static string KindVerb(JournalEntryKind kind) => kind switch
    {
        JournalEntryKind.Applied => "applied",
        JournalEntryKind.Baseline => "baselined",
        JournalEntryKind.Adopted => "adopted",
        _ => "installed by schema.sql",
    };

    private static string Short(string checksum) => checksum.Length > 12 ? checksum[..12] : checksum;
}
