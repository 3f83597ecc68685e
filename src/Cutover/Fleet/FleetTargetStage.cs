namespace Cutover.Fleet;

/// <summary>Where a target stands against the migrations, for <c>cutover fleet status</c>.</summary>
public enum FleetTargetStage
{
    /// <summary>Nothing pending in either phase.</summary>
    Current,

    /// <summary>The pre phase is done; post-migrations are pending.</summary>
    PostPending,

    /// <summary>Pre-migrations are pending.</summary>
    PrePending,

    /// <summary>A no-transaction script failed or was interrupted, or its last fleet run failed.</summary>
    Failed,

    /// <summary>It cannot be reached or read.</summary>
    Unreachable,
}
