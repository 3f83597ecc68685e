namespace Cutover.PostDeploy;

/// <summary>One row of the post-deploy journal as read back.</summary>
internal sealed record PostDeployJournalRow(
    string ActionId,
    string Tenant,
    string? Description,
    bool Auto,
    PostDeployState State,
    string? Control,
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
    string? Cursor);
