using System.Collections.Immutable;

namespace Cutover.Inspection;

/// <summary>A table, partitioned table or partition; its columns, constraints, indexes, triggers, rules and policies
/// are listed in <see cref="SchemaModel"/> with this table's name.</summary>
internal sealed record TableModel
{
    /// <summary>The table's schema.</summary>
    public required string Schema { get; init; }

    /// <summary>The table's name.</summary>
    public required string Name { get; init; }

    /// <summary>Whether the table is logged.</summary>
    public TablePersistence Persistence { get; init; }

    /// <summary>The partition key of a partitioned table (<c>RANGE (logdate)</c>), or null.</summary>
    public string? PartitionKey { get; init; }

    /// <summary>The partitioned table this table is a partition of, schema-qualified, or null.</summary>
    public string? PartitionOf { get; init; }

    /// <summary>A partition's bound (<c>FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')</c>), or null.</summary>
    public string? PartitionBound { get; init; }

    /// <summary>The parents of a table made with <c>INHERITS</c>, schema-qualified, in declaration order; partitions
    /// name their parent in <see cref="PartitionOf"/> instead.</summary>
    public ImmutableArray<string> Inherits { get; init; } = [];

    /// <summary>Whether row-level security is enabled.</summary>
    public bool RowLevelSecurity { get; init; }

    /// <summary>Whether row-level security applies to the table's owner too.</summary>
    public bool ForceRowLevelSecurity { get; init; }

    /// <summary>Storage parameters (<c>fillfactor=70</c>), sorted.</summary>
    public ImmutableArray<string> Options { get; init; } = [];

    /// <summary>The comment on the table, or null.</summary>
    public string? Comment { get; init; }

    /// <summary>The privileges granted on the table (<see cref="InspectionOptions.IncludePrivileges"/>), or null.</summary>
    public string? Privileges { get; init; }

    /// <inheritdoc/>
    public bool Equals(TableModel? other) =>
        other is not null &&
        Schema == other.Schema && Name == other.Name && Persistence == other.Persistence &&
        PartitionKey == other.PartitionKey && PartitionOf == other.PartitionOf &&
        PartitionBound == other.PartitionBound && ImmutableArrayEquality.Equal(Inherits, other.Inherits) &&
        RowLevelSecurity == other.RowLevelSecurity && ForceRowLevelSecurity == other.ForceRowLevelSecurity &&
        ImmutableArrayEquality.Equal(Options, other.Options) && Comment == other.Comment &&
        Privileges == other.Privileges;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(
        Schema, Name, Persistence, PartitionKey, PartitionOf, PartitionBound,
        ImmutableArrayEquality.Hash(Inherits), ImmutableArrayEquality.Hash(Options));
}
