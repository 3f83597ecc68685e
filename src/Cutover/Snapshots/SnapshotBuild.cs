namespace Cutover.Snapshots;

/// <summary>How a snapshot is built when no cached one fits.</summary>
public enum SnapshotBuild
{
    /// <summary>Apply every migration of the stage in order, as production did; a snapshot holding a prefix of them is
    /// cloned first when one exists, so only the rest run.</summary>
    Replay,

    /// <summary>Run <c>schema.sql</c> in one go (<c>cutover install</c>); only for <see cref="SnapshotStage.Everything"/>,
    /// because <c>schema.sql</c> describes the head of the set.</summary>
    Install,
}
