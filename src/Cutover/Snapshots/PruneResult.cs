using System.Collections.Immutable;

namespace Cutover.Snapshots;

/// <summary>What <see cref="TemplateDatabaseCache.PruneAsync"/> did.</summary>
/// <param name="Kept">The newest snapshots, kept.</param>
/// <param name="Dropped">The template databases dropped.</param>
public sealed record PruneResult(ImmutableArray<SnapshotEntry> Kept, ImmutableArray<string> Dropped);
