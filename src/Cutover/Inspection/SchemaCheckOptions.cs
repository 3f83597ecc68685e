using Cutover.Journal;

namespace Cutover.Inspection;

/// <summary>How <see cref="SchemaCheck"/> reads and compares.</summary>
public sealed record SchemaCheckOptions
{
    /// <summary>What to read from each database.</summary>
    public InspectionOptions Inspection { get; init; } = new();

    /// <summary>How to compare.</summary>
    public SchemaComparisonOptions Comparison { get; init; } = new();

    /// <summary>The migration journal of the target, for <see cref="SchemaCheck.CompareWithJournalAsync"/>.</summary>
    public JournalTableName JournalTable { get; init; } = JournalTableName.Default;

    /// <summary>The schema the migrations' unqualified names resolve to in the databases the check builds (a tenant
    /// schema, see <see cref="Execution.MigratorOptions.DefaultSchema"/>); null for the server's
    /// <c>search_path</c>.</summary>
    public string? DefaultSchema { get; init; }
}
