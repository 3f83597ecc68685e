using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Cutover.Safety;

/// <summary>What a script did on the scratch database, statement by statement.</summary>
/// <param name="PreExisting">The catalog before the script: what the previous application version knows.</param>
/// <param name="Rows">How many rows each pre-existing table held when the script started (seeded ones
/// included).</param>
/// <param name="Statements">What each statement did, up to the first that failed.</param>
/// <param name="Failure">The statement that failed and the server's message, or null.</param>
internal sealed record ScriptObservation(
    CatalogState PreExisting,
    FrozenDictionary<uint, long> Rows,
    ImmutableArray<ObservedStatement> Statements,
    (LintStatement Statement, string Message)? Failure);
