using System.Collections.Immutable;

namespace Cutover.Execution;

/// <summary>What <c>repair</c> changed.</summary>
/// <param name="Cleared">Failed or interrupted entries removed: these scripts run again on the next upgrade.</param>
/// <param name="AcceptedChecksums">Entries whose checksum was updated to the file's current one.</param>
/// <param name="DroppedIndexes">INVALID indexes that the cleared scripts build, dropped (<c>DROP INDEX
/// CONCURRENTLY</c>) so that the rerun builds them again instead of skipping them.</param>
public sealed record RepairResult(
    ImmutableArray<string> Cleared, ImmutableArray<string> AcceptedChecksums, ImmutableArray<string> DroppedIndexes)
{
    /// <summary>True when nothing needed repair.</summary>
    public bool NothingToRepair => Cleared.IsEmpty && AcceptedChecksums.IsEmpty && DroppedIndexes.IsEmpty;
}
