using System.Collections.Immutable;

namespace Cutover.Snapshots;

/// <summary>What <see cref="TemplateDatabaseCache.PruneAsync"/> did.</summary>
/// <param name="Kept">The template databases of the newest snapshots, kept, newest first.</param>
/// <param name="Dropped">The template databases dropped.</param>
public sealed record PruneResult(ImmutableArray<string> Kept, ImmutableArray<string> Dropped);
