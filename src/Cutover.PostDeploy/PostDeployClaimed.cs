namespace Cutover.PostDeploy;

/// <summary>What a successful claim returns: the fencing token and where the previous attempt left off.</summary>
internal sealed record PostDeployClaimed(
    PostDeployWorkItem Item, Guid Token, int Attempt, string? Cursor, long RowsDone, long? RowsTotal);
