namespace Cutover.PostDeploy;

/// <summary>An operation named an action id that the loaded assemblies do not declare.</summary>
public sealed class PostDeployActionNotFoundException : CutoverException
{
    /// <summary>Creates the exception for <paramref name="actionId"/>.</summary>
    internal PostDeployActionNotFoundException(string actionId)
        : base($"{actionId}: no post-deploy action with this id is declared in the loaded assemblies")
    {
        ActionId = actionId;
    }

    /// <summary>The id that was not found.</summary>
    public string ActionId { get; }
}
