using Cutover.Execution;

namespace Cutover.Snapshots;

/// <summary>How a <see cref="TemplateDatabaseCache"/> builds, stores and clones snapshots; validated when the cache
/// is built.</summary>
public sealed record SnapshotOptions
{
    /// <summary>A folder keeping a <c>pg_dump -Fc</c> of each snapshot, for CI runners whose server is new each job:
    /// a miss on the server restores from here before replaying. No file cache when null.</summary>
    public string? StoreDirectory { get; init; }

    /// <summary>The folder holding <c>pg_dump</c> and <c>pg_restore</c>; when null,
    /// <c>/usr/lib/postgresql/MAJOR/bin</c> for the server's major version if it exists, else PATH.</summary>
    public string? ToolDirectory { get; init; }

    /// <summary>How clones are copied; <see cref="CloneStrategy.Auto"/> by default.</summary>
    public CloneStrategy CloneStrategy { get; init; } = CloneStrategy.Auto;

    /// <summary>The largest template <see cref="CloneStrategy.Auto"/> clones with <c>FILE_COPY</c>; 1 GiB by default
    /// (see docs/benchmarks.md).</summary>
    public long FileCopyUpToBytes { get; init; } = 1L << 30;

    /// <summary>How builds apply migrations (lock timeouts); the journal table comes from
    /// <see cref="SnapshotRequest.JournalTable"/>, which is part of the key.</summary>
    public MigratorOptions Migrator { get; init; } = new();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(FileCopyUpToBytes, nameof(FileCopyUpToBytes));
        ArgumentNullException.ThrowIfNull(Migrator);
        Migrator.Validate();
    }
}
