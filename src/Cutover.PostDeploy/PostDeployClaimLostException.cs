namespace Cutover.PostDeploy;

/// <summary>This node's claim on an action was taken over (it expired) or released, so its work was not saved.</summary>
/// <remarks>Thrown from <see cref="PostDeployContext.SaveCursorAsync"/> and backfill batches: the transaction that
/// tried to save is rolled back, so the node that holds the claim now never sees the same batch twice.</remarks>
public sealed class PostDeployClaimLostException : CutoverException
{
    /// <summary>Creates the exception for <paramref name="item"/>.</summary>
    internal PostDeployClaimLostException(PostDeployWorkItem item)
        : base($"{item}: the claim on this post-deploy action expired and was taken over or released")
    {
        ArgumentNullException.ThrowIfNull(item);
        Item = item;
    }

    /// <summary>The action and tenant whose claim was lost.</summary>
    public PostDeployWorkItem Item { get; }
}
