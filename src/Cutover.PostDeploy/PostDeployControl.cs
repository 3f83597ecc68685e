namespace Cutover.PostDeploy;

/// <summary>What an operator asked of a running action, as recorded in the journal's <c>control</c> column; the
/// node that holds the claim sees it at its next save or heartbeat and stops at a safe boundary.</summary>
internal enum PostDeployControl
{
    /// <summary>Stop and keep the cursor; <c>--resume</c> makes it pending again.</summary>
    Pause,

    /// <summary>Stop and keep the cursor; the action stays cancelled until reset or run by name.</summary>
    Cancel,
}
