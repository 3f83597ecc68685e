namespace Cutover.PostDeploy;

/// <summary>What happened when a node tried to run one action for one tenant.</summary>
public enum PostDeployOutcomeKind
{
    /// <summary>The action ran and succeeded.</summary>
    Succeeded,

    /// <summary>The action ran and threw; the error is recorded.</summary>
    Failed,

    /// <summary>An operator paused the action while it ran; it stopped at a batch boundary.</summary>
    Paused,

    /// <summary>An operator cancelled the action while it ran.</summary>
    Cancelled,

    /// <summary>Another node holds the claim (or finished it first); this node did nothing.</summary>
    NotClaimed,

    /// <summary>The action was handed to a scheduler that runs it elsewhere (hosted workers, Quartz).</summary>
    Queued,

    /// <summary>This node was shutting down; the claim was handed back and another node continues from the cursor.</summary>
    Released,

    /// <summary>This node's claim expired and another node took the action over; nothing of this run was saved
    /// after that point.</summary>
    ClaimLost,

    /// <summary>Another node still held a live claim when this run stopped waiting for it
    /// (<see cref="PostDeployOptions.ClaimWait"/>): the action is unfinished, and <c>cutover deploy</c> exits 1.</summary>
    HeldElsewhere,

    /// <summary>Not run: the database was installed from <c>schema.sql</c> at or after the action's release.</summary>
    NotNeeded,

    /// <summary>Not run: an operator skipped it.</summary>
    Skipped,
}
