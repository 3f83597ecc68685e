using Cutover.PostDeploy;

namespace Cutover.Hangfire;

/// <summary>Fails the Hangfire job of a post-deploy action that failed; the failure is already recorded in Cutover's
/// journal, and this makes it visible in Hangfire (dashboard, failed-jobs list) too.</summary>
/// <remarks>Hangfire does not retry it (<see cref="PostDeployJob"/> has no automatic retries): run the action again
/// with <c>cutover deploy --retry-failed</c>, or <c>--once ID</c>, so that the journal and Hangfire agree.</remarks>
public sealed class PostDeployJobFailedException : CutoverException
{
    /// <summary>Creates the exception for a failed action.</summary>
    /// <param name="item">The action and tenant that failed.</param>
    /// <param name="errorSummary">The exception type and message the journal recorded.</param>
    internal PostDeployJobFailedException(PostDeployWorkItem item, string? errorSummary)
        : base($"{item}: post-deploy action failed: {errorSummary ?? "(no error recorded)"}")
    {
        ArgumentNullException.ThrowIfNull(item);
        Item = item;
        ErrorSummary = errorSummary;
    }

    /// <summary>The action and tenant that failed.</summary>
    public PostDeployWorkItem Item { get; }

    /// <summary>The exception type and message the journal recorded, as <c>cutover deploy --report</c> shows it.</summary>
    public string? ErrorSummary { get; }
}
