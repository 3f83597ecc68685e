using System.Collections.Immutable;
using Cutover.Planning;

namespace Cutover.Fleet;

/// <summary>What a fleet run did, read back from its ledger (every worker's targets).</summary>
/// <param name="RunId">The run's id, for <c>cutover fleet resume</c> and <c>--join</c>.</param>
/// <param name="Phase">The phase it applied.</param>
/// <param name="Resumed">True when this call resumed (or joined) an existing run.</param>
/// <param name="BudgetExceeded">True when more targets failed than the budget allows: the run stopped there.</param>
/// <param name="Targets">Every target of the run, in order.</param>
/// <param name="Elapsed">Wall time of this call.</param>
public sealed record FleetRunResult(
    string RunId, PhaseSelection Phase, bool Resumed, bool BudgetExceeded, ImmutableArray<FleetTargetResult> Targets,
    TimeSpan Elapsed)
{
    /// <summary>Targets in <paramref name="state"/>.</summary>
    public int Count(FleetTargetState state) => Targets.Count(t => t.State == state);

    /// <summary>True when every target is done.</summary>
    public bool Succeeded => Targets.All(t => t.State == FleetTargetState.Done);
}
