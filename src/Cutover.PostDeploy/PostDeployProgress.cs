namespace Cutover.PostDeploy;

/// <summary>How far a running action has got, for a live progress line.</summary>
/// <param name="Item">The action and tenant.</param>
/// <param name="RowsDone">Rows (or units) processed so far, over all attempts.</param>
/// <param name="RowsTotal">The total when known.</param>
/// <param name="RowsPerSecond">The rate of the current attempt, when measurable.</param>
/// <param name="EstimatedRemaining">The time left at that rate, when both the total and the rate are known.</param>
public sealed record PostDeployProgress(
    PostDeployWorkItem Item, long RowsDone, long? RowsTotal, double? RowsPerSecond, TimeSpan? EstimatedRemaining);
