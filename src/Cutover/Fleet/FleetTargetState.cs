namespace Cutover.Fleet;

/// <summary>Where one target of a fleet run stands in the run ledger.</summary>
public enum FleetTargetState
{
    /// <summary>Not started yet.</summary>
    Pending,

    /// <summary>Claimed by a worker; if that worker died, the next one checks it against its own journal.</summary>
    Running,

    /// <summary>Upgraded; never touched again by this run.</summary>
    Done,

    /// <summary>Its upgrade failed; the error is recorded. A resumed run tries it again.</summary>
    Failed,

    /// <summary>Not run, because the run stopped when failures exceeded the budget. A resumed run tries it.</summary>
    Skipped,
}
