namespace Cutover.PostDeploy;

/// <summary>One row of the post-deploy journal as read back.</summary>
internal sealed record PostDeployJournalRow(
    string ActionId,
    string Tenant,
    string? Description,
    bool Auto,
    PostDeployState State,
    PostDeployControl? Control,
    int Attempts,
    DateTimeOffset? RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Host,
    DateTimeOffset? ClaimExpiresAt,
    string? ErrorSummary,
    string? ErrorDetail,
    long RowsDone,
    long? RowsTotal,
    string? Cursor,
    PostDeployStage Stage,
    string? Release)
{
    /// <summary>What this row says of how the item ended, for a run that did not execute it itself.</summary>
    public PostDeployOutcome ToOutcome(PostDeployWorkItem item)
    {
        var duration = StartedAt is { } s && FinishedAt is { } f ? f - s : (TimeSpan?)null;
        var outcome = State switch
        {
            PostDeployState.Succeeded => new(item, PostDeployOutcomeKind.Succeeded, duration),
            PostDeployState.Failed => new(item, PostDeployOutcomeKind.Failed, duration, ErrorSummary),
            PostDeployState.Paused => new(item, PostDeployOutcomeKind.Paused, duration),
            PostDeployState.Cancelled => new(item, PostDeployOutcomeKind.Cancelled, duration),
            PostDeployState.NotNeeded => new(item, PostDeployOutcomeKind.NotNeeded),
            PostDeployState.Skipped => new(item, PostDeployOutcomeKind.Skipped),
            _ => new PostDeployOutcome(item, PostDeployOutcomeKind.NotClaimed),
        };
        return State is PostDeployState.Succeeded or PostDeployState.Failed or PostDeployState.Paused or PostDeployState.Cancelled
            ? outcome with { RanBy = Host }
            : outcome;
    }
}
