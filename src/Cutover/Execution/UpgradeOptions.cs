using System.Collections.Immutable;
using Cutover.Planning;

namespace Cutover.Execution;

/// <summary>One upgrade run.</summary>
public sealed record UpgradeOptions
{
    /// <summary>Which migrations to apply.</summary>
    public required PlanRequest Plan { get; init; }

    /// <summary>Plan only: apply nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Apply every script to a database without a journal even though another tool's history is there (DbUp's
    /// <c>schemaversions</c>, Flyway's <c>flyway_schema_history</c>, ...). Off by default: such a database was
    /// migrated by that tool, and applying its scripts again would fail half-way or double them; adopt its history
    /// first (<see cref="Migrator.AdoptAsync"/>).</summary>
    public bool IgnoreOtherHistory { get; init; }

    /// <summary>Conditions the post phase waits for (before-post actions, see Cutover.PostDeploy): asked before the run's
    /// first post-migration; while any has a blocker the run stops there with
    /// <see cref="PostPhaseGateClosedException"/>. None by default.</summary>
    public ImmutableArray<IPostPhaseGate> Gates { get; init; } = [];

    /// <summary>Told when each script starts and ends, for live output; may be null.</summary>
    public IProgress<ScriptProgress>? Progress { get; init; }
}
