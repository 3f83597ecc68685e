using Cutover.Execution;

namespace Cutover.Fleet;

/// <summary>How a <see cref="FleetRunner"/> reaches and migrates its targets; validated when the runner opens.</summary>
public sealed record FleetOptions
{
    /// <summary>How each target is migrated. Its <see cref="MigratorOptions.JournalTable"/> is the journal of database
    /// targets; a schema target keeps the table name in its own schema (<c>&lt;schema&gt;.cutover_migrations</c>) and
    /// gets its schema as <see cref="MigratorOptions.DefaultSchema"/>.</summary>
    public MigratorOptions Migrator { get; init; } = new();

    /// <summary>How many targets are worked on at once; 4 by default. Each holds at most two connections (its scripts'
    /// and its deploy lock's), so a run opens at most twice this many connections to targets, plus a few to the
    /// control database.</summary>
    public int Parallel { get; init; } = 4;

    /// <summary>The environment variables that fill the gaps in the file's connections (<c>PGPASSWORD</c>,
    /// <c>PGSERVICEFILE</c>, ...), as <see cref="Connections.EnvironmentSnapshot.Capture"/> takes them; null to take
    /// this process's.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Migrator);
        ArgumentOutOfRangeException.ThrowIfLessThan(Parallel, 1, nameof(Parallel));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Parallel, 1024, nameof(Parallel));
    }
}
