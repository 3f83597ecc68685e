namespace Cutover.PostDeploy;

/// <summary>The result of one attempt to run one action for one tenant.</summary>
/// <param name="Item">The action and tenant.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Duration">How long this node spent, when it ran the action.</param>
/// <param name="ErrorSummary">The exception type and message when the action failed.</param>
public sealed record PostDeployOutcome(
    PostDeployWorkItem Item, PostDeployOutcomeKind Kind, TimeSpan? Duration = null, string? ErrorSummary = null)
{
    /// <summary>The node that ran the action, when it was another node than this one (this run waited for it, or a
    /// scheduler ran it elsewhere); null when this node ran it or nobody did.</summary>
    public string? RanBy { get; init; }
}
