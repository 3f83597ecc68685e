namespace Cutover.Fleet;

/// <summary>What a worker got when it asked the ledger for work.</summary>
/// <param name="Target">The target claimed; null when there is none to take now.</param>
/// <param name="WasRunning">True when a dead worker had it: it is checked against its own journal.</param>
/// <param name="Finished">True when nothing is left to do: every target is done or failed, or the run stopped.</param>
/// <param name="BudgetExceeded">True when the run stopped because too many targets failed.</param>
internal sealed record FleetClaim(string? Target, bool WasRunning, bool Finished, bool BudgetExceeded)
{
    /// <summary>Nothing to take now; targets of the current wave are still running elsewhere.</summary>
    public static FleetClaim Wait { get; } = new(null, false, false, false);
}
