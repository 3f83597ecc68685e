namespace Cutover.Snapshots;

/// <summary>How PostgreSQL copies a template into a clone (<c>CREATE DATABASE ... STRATEGY</c>, PostgreSQL 15 and
/// later; older servers always copy files).</summary>
public enum CloneStrategy
{
    /// <summary><see cref="FileCopy"/> up to <see cref="SnapshotOptions.FileCopyUpToBytes"/>, <see cref="WalLog"/>
    /// above.</summary>
    Auto,

    /// <summary>Copy the files and checkpoint: a fixed cost, cheap on a quiet test server.</summary>
    FileCopy,

    /// <summary>Copy block by block through the WAL: no checkpoint, a cost that grows with the size.</summary>
    WalLog,
}
