using Cutover.Journal;

namespace Cutover.Snapshots;

/// <summary>Which snapshot of a migration set is wanted.</summary>
public sealed record SnapshotRequest
{
    /// <summary>How far into the set the snapshot goes; everything by default.</summary>
    public SnapshotStage Stage { get; init; } = SnapshotStage.Everything;

    /// <summary>How to build it on a cache miss; replay by default.</summary>
    public SnapshotBuild Build { get; init; } = SnapshotBuild.Replay;

    /// <summary>The journal table the snapshot's migrations are recorded in; <c>public.cutover_migrations</c> by
    /// default. It is part of the key, because a clone is upgraded later through the journal it carries.</summary>
    public JournalTableName JournalTable { get; init; } = JournalTableName.Default;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Stage);
        ArgumentNullException.ThrowIfNull(JournalTable);
        if (Build == SnapshotBuild.Install && Stage.Released is not null)
        {
            throw new ArgumentException(
                $"stage {Stage}: install builds only the whole set, because schema.sql describes its head; use replay",
                nameof(Build));
        }
    }
}
