using System.Collections.Immutable;

namespace Cutover.Execution;

/// <summary>A condition the post phase waits for, such as a backfill that must finish before a column becomes
/// <c>NOT NULL</c>. Before a run applies its first post-migration, the <see cref="Migrator"/> asks every gate in
/// <see cref="UpgradeOptions.Gates"/> what still holds the phase back, and refuses while anything does.</summary>
/// <remarks>Cutover.PostDeploy provides the gate of before-post actions; the core knows gates only through this
/// interface, so that it depends on no post-deploy code.</remarks>
public interface IPostPhaseGate
{
    /// <summary>What still holds the post phase back, one line each (<c>2026-11-backfill-totals: pending</c>); empty
    /// when the gate is open.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    Task<ImmutableArray<string>> FindBlockersAsync(CancellationToken cancellationToken);
}
