using System.Collections.Immutable;
using Cutover.Scripts;

namespace Cutover.Adoption;

/// <summary>What adoption decided, before anything is written.</summary>
/// <param name="Claims">Each script of Cutover's folder the history covers, in Cutover's order.</param>
/// <param name="Skipped">Entries reported and not adopted.</param>
/// <param name="Problems">Everything that refuses adoption; empty when it may proceed.</param>
/// <param name="Pending">What <c>upgrade</c> would apply afterwards.</param>
/// <param name="Proposals">Cutover names for the previous tool's scripts no script of Cutover's folder pairs with.</param>
internal sealed record AdoptionPlan(
    ImmutableArray<AdoptionClaim> Claims,
    ImmutableArray<SkippedHistoryEntry> Skipped,
    ImmutableArray<AdoptionProblem> Problems,
    ImmutableArray<MigrationScript> Pending,
    ImmutableArray<ProposedScriptName> Proposals);
