using Cutover.Journal;
using Cutover.Snapshots;

namespace Cutover.Safety;

/// <summary>How <see cref="Linter"/> builds and fills its scratch databases.</summary>
public sealed record LintOptions
{
    /// <summary>How many rows each table that exists before a script gets on the scratch database, so that scans,
    /// validations and NOT NULL checks really run; 3 by default.</summary>
    public int SeedRows { get; init; } = 3;

    /// <summary>The journal table, left out of the observation; <c>public.cutover_migrations</c> by default.</summary>
    public JournalTableName JournalTable { get; init; } = JournalTableName.Default;

    /// <summary>How the snapshot cache behind the scratch databases builds and stores templates.</summary>
    public SnapshotOptions Snapshots { get; init; } = new();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(SeedRows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SeedRows, 1000);
        ArgumentNullException.ThrowIfNull(JournalTable);
        ArgumentNullException.ThrowIfNull(Snapshots);
    }
}
