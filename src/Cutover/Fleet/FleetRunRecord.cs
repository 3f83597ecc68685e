using Cutover.Planning;

namespace Cutover.Fleet;

/// <summary>A run's row in the ledger: what it was asked, so that a resumed or joined run does the same.</summary>
internal sealed record FleetRunRecord(
    string RunId, string Fingerprint, PhaseSelection Phase, string Waves, int? Budget, string? Select, string? Shard,
    string State);
