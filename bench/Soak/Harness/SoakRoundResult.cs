namespace Cutover.Soak;

/// <summary>What one soak round did and found. The counts under "must be 0" are the invariants.</summary>
internal sealed class SoakRoundResult
{
    public required int Round { get; init; }

    public required int Deployers { get; init; }

    /// <summary>SIGKILLs sent to deployers that were still running.</summary>
    public required int Kills { get; init; }

    /// <summary>One label per deployer: <c>0</c>, <c>1 refused</c>, <c>1 40P01</c>, <c>3</c>, <c>killed</c>,
    /// <c>hung</c>, ...</summary>
    public required IReadOnlyList<string> Outcomes { get; init; }

    /// <summary>Interrupted, failed or still-running no-transaction scripts <c>cutover status</c> showed after the
    /// deployers were gone.</summary>
    public required int InterruptedFound { get; init; }

    /// <summary>INVALID indexes the interrupted builds left, which <c>cutover repair</c> dropped.</summary>
    public required int InvalidIndexesDropped { get; init; }

    /// <summary>Extra runs of no-transaction scripts (runs logged minus scripts), from re-runs after repair.</summary>
    public required int NoTransactionReruns { get; init; }

    // Must be 0:

    /// <summary>Scripts whose journal rows or marker rows say they committed more than once.</summary>
    public required int AppliedTwice { get; init; }

    /// <summary>Scripts without exactly one succeeded journal row, or without their effect (marker row, index).</summary>
    public required int Lost { get; init; }

    /// <summary>INVALID indexes left after the recovery.</summary>
    public required int InvalidIndexes { get; init; }

    /// <summary>Deployers that ended with an error other than a refusal (a script failed, the lock was not obtained,
    /// an unexpected exception).</summary>
    public required int FailedDeployers { get; init; }

    /// <summary>Deployers still running at the deadline.</summary>
    public required int HungDeployers { get; init; }

    /// <summary>Advisory locks still held in the database once every deployer had exited and its sessions had ended.
    /// </summary>
    public required int LocksLeftHeld { get; init; }

    /// <summary>Whether a step of the documented recovery (status, repair, upgrade) failed.</summary>
    public required bool RecoveryFailed { get; init; }

    /// <summary>What went wrong, one line each, for the report.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    public bool Holds =>
        AppliedTwice == 0 && Lost == 0 && InvalidIndexes == 0 && FailedDeployers == 0 && HungDeployers == 0 &&
        LocksLeftHeld == 0 && !RecoveryFailed;
}
