using Cutover.Journal;

namespace Cutover.Adoption;

/// <summary>What <see cref="Execution.Migrator.AdoptAsync"/> reads and whether it writes.</summary>
public sealed record AdoptionOptions
{
    /// <summary>The tool whose history to adopt.</summary>
    public required PreviousTool From { get; init; }

    /// <summary>The folder of scripts as the previous tool named them: each history entry is matched to its file
    /// there (and to its checksum, where the tool records one), and that file's content to a script of Cutover's
    /// folder.</summary>
    public required string PreviousScriptsFolder { get; init; }

    /// <summary>The previous tool's history table; null for its default (<c>public.schemaversions</c>,
    /// <c>public.changelog</c>, <c>grate.ScriptsRun</c>, <c>public.flyway_schema_history</c>; for Pum
    /// <c>public.pum_migrations</c> where it exists, else <c>public.pum</c>).</summary>
    public JournalTableName? HistoryTable { get; init; }

    /// <summary>Whether to work out the mapping and the problems without writing anything.</summary>
    public bool DryRun { get; init; }
}
