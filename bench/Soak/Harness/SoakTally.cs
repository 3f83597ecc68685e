using System.Globalization;
using System.Text;

namespace Cutover.Soak;

/// <summary>The soak's totals over its rounds, and the summary table it prints.</summary>
internal sealed class SoakTally
{
    private readonly List<SoakRoundResult> _rounds = [];

    public IReadOnlyList<SoakRoundResult> Rounds => _rounds;

    public void Add(SoakRoundResult round) => _rounds.Add(round);

    /// <summary>Whether every invariant held in every round.</summary>
    public bool Holds => _rounds.All(r => r.Holds);

    public int AppliedTwice => _rounds.Sum(r => r.AppliedTwice);

    public int Lost => _rounds.Sum(r => r.Lost);

    public int InvalidIndexes => _rounds.Sum(r => r.InvalidIndexes);

    /// <summary>The summary as a Markdown table: what happened, then the invariants with what they must be.</summary>
    public string Summary()
    {
        var exits = _rounds.SelectMany(r => r.Outcomes)
            .GroupBy(o => o)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} x{g.Count()}");
        var text = new StringBuilder()
            .AppendLine("| measure | value | must be |")
            .AppendLine("|---|---:|---:|");
        Row(text, "rounds", _rounds.Count);
        Row(text, "deployers started", _rounds.Sum(r => r.Deployers));
        Row(text, "SIGKILLs sent", _rounds.Sum(r => r.Kills));
        text.AppendLine(CultureInfo.InvariantCulture, $"| exit codes seen | {string.Join(", ", exits)} | |");
        Row(text, "interrupted/failed scripts found by status", _rounds.Sum(r => r.InterruptedFound));
        Row(text, "INVALID indexes dropped by cutover repair", _rounds.Sum(r => r.InvalidIndexesDropped));
        Row(text, "no-transaction re-runs after repair", _rounds.Sum(r => r.NoTransactionReruns));
        Row(text, "scripts applied twice", AppliedTwice, 0);
        Row(text, "scripts lost", Lost, 0);
        Row(text, "INVALID indexes after recovery", InvalidIndexes, 0);
        Row(text, "deployers failed (not killed, not refused)", _rounds.Sum(r => r.FailedDeployers), 0);
        Row(text, "deployers hung past the deadline", _rounds.Sum(r => r.HungDeployers), 0);
        Row(text, "advisory locks left held", _rounds.Sum(r => r.LocksLeftHeld), 0);
        Row(text, "recoveries failed", _rounds.Count(r => r.RecoveryFailed), 0);
        Row(text, "rounds with a broken invariant", _rounds.Count(r => !r.Holds), 0);
        var problems = _rounds.Where(r => !r.Holds).SelectMany(r => r.Problems.Select(p => $"round {r.Round}: {p}")).ToList();
        if (problems.Count > 0)
        {
            text.AppendLine().AppendLine("Problems:");
            foreach (var problem in problems)
            {
                text.AppendLine("  " + problem);
            }
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string measure, long value, long? mustBe = null) =>
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {measure} | {value} | {(mustBe is { } m ? m.ToString(CultureInfo.InvariantCulture) : "")} |");
}
