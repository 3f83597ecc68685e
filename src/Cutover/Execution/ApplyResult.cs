using System.Collections.Immutable;
using Cutover.Planning;

namespace Cutover.Execution;

/// <summary>What an upgrade did.</summary>
/// <param name="Plan">The plan it followed (computed under the deploy lock).</param>
/// <param name="Applied">The scripts it applied, in order; empty for a dry run.</param>
/// <param name="DryRun">True when nothing was meant to be applied.</param>
/// <param name="Elapsed">Wall time, the deploy-lock wait included.</param>
public sealed record ApplyResult(MigrationPlan Plan, ImmutableArray<AppliedScript> Applied, bool DryRun, TimeSpan Elapsed);
