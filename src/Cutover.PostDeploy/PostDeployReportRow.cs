namespace Cutover.PostDeploy;

/// <summary>One line of <c>cutover deploy --report</c>: an action for one tenant and where it stands.</summary>
/// <param name="ActionId">The action's id.</param>
/// <param name="Tenant">The tenant; empty when not per tenant.</param>
/// <param name="Description">What the action does.</param>
/// <param name="Auto">Whether <c>--auto</c> runs it.</param>
/// <param name="State">Its state; <see cref="PostDeployState.Pending"/> for an action the journal has not seen.</param>
/// <param name="Attempts">How many times a node claimed it.</param>
/// <param name="Started">When the last attempt started.</param>
/// <param name="Finished">When the last attempt finished.</param>
/// <param name="Host">The node that ran (or runs) the last attempt.</param>
/// <param name="RowsDone">Progress: rows (or units) done.</param>
/// <param name="RowsTotal">Progress: the total, when known.</param>
/// <param name="ErrorSummary">The last error's type and message, when it failed.</param>
/// <param name="Declared">Whether the loaded assemblies declare the action (false: only the journal knows it).</param>
public sealed record PostDeployReportRow(
    string ActionId,
    string Tenant,
    string? Description,
    bool Auto,
    PostDeployState State,
    int Attempts,
    DateTimeOffset? Started,
    DateTimeOffset? Finished,
    string? Host,
    long RowsDone,
    long? RowsTotal,
    string? ErrorSummary,
    bool Declared)
{
    /// <summary>When the action must run; <see cref="PostDeployStage.AfterPost"/> unless declared otherwise.</summary>
    public PostDeployStage Stage { get; init; }

    /// <summary>The release the action belongs to, as declared; null for none.</summary>
    public string? Release { get; init; }

    /// <summary>How long the last attempt took, when it finished.</summary>
    public TimeSpan? Duration => Started is { } s && Finished is { } f ? f - s : null;
}
