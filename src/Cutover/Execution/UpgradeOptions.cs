using Cutover.Planning;

namespace Cutover.Execution;

/// <summary>One upgrade run.</summary>
public sealed record UpgradeOptions
{
    /// <summary>Which migrations to apply.</summary>
    public required PlanRequest Plan { get; init; }

    /// <summary>Plan only: apply nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Told when each script starts and ends, for live output; may be null.</summary>
    public IProgress<ScriptProgress>? Progress { get; init; }
}
