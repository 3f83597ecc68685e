using System.Collections.Immutable;
using Cutover.Scripts;

namespace Cutover.Planning;

/// <summary>What an upgrade would do, and why it would do nothing or refuse.</summary>
/// <param name="Request">What was asked.</param>
/// <param name="Steps">The scripts to apply, in order.</param>
/// <param name="Refusals">Reasons the upgrade must not run at all; empty when it may.</param>
/// <param name="Remark">Why nothing (more) would be applied, e.g. "post-migrations pending: deploy the new code, then
/// run the post phase"; null when there is nothing to say.</param>
/// <param name="Pending">Every pending script, in order, whatever the phase.</param>
public sealed record MigrationPlan(
    PlanRequest Request,
    ImmutableArray<MigrationScript> Steps,
    ImmutableArray<DriftFinding> Refusals,
    string? Remark,
    ImmutableArray<MigrationScript> Pending)
{
    /// <summary>True when the upgrade must not run.</summary>
    public bool IsRefused => !Refusals.IsEmpty;
}
