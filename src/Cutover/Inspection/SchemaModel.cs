using System.Collections.Immutable;

namespace Cutover.Inspection;

/// <summary>The structure of one database as <see cref="SchemaInspector"/> read it from the catalog: every object
/// outside <c>pg_catalog</c>, <c>information_schema</c>, extensions and the excluded schemas and tables, with names
/// and normalised definitions (never OIDs) so that two databases can be compared.</summary>
/// <remarks>Child objects (columns, constraints, indexes, triggers, rules, policies) are listed flat, each naming its
/// table. Every list is sorted, so two inspections of the same structure give equal models.</remarks>
internal sealed record SchemaModel
{
    /// <summary>The server's major version, e.g. 15; definitions are normalised by that server.</summary>
    public int ServerMajorVersion { get; init; }

    /// <summary>The schemas, sorted by name.</summary>
    public ImmutableArray<NamespaceModel> Schemas { get; init; } = [];

    /// <summary>The extensions, sorted by name.</summary>
    public ImmutableArray<ExtensionModel> Extensions { get; init; } = [];

    /// <summary>The tables, partitioned tables and partitions, sorted by name.</summary>
    public ImmutableArray<TableModel> Tables { get; init; } = [];

    /// <summary>The columns of the tables, sorted by name.</summary>
    public ImmutableArray<ColumnModel> Columns { get; init; } = [];

    /// <summary>The table constraints, sorted by name.</summary>
    public ImmutableArray<ConstraintModel> Constraints { get; init; } = [];

    /// <summary>The indexes that back no constraint, sorted by name.</summary>
    public ImmutableArray<IndexModel> Indexes { get; init; } = [];

    /// <summary>The sequences other than identity columns', sorted by name.</summary>
    public ImmutableArray<SequenceModel> Sequences { get; init; } = [];

    /// <summary>The views and materialized views, sorted by name.</summary>
    public ImmutableArray<ViewModel> Views { get; init; } = [];

    /// <summary>The functions, procedures and aggregates, sorted by name.</summary>
    public ImmutableArray<RoutineModel> Routines { get; init; } = [];

    /// <summary>The user triggers, sorted by name.</summary>
    public ImmutableArray<TriggerModel> Triggers { get; init; } = [];

    /// <summary>The rewrite rules, sorted by name.</summary>
    public ImmutableArray<RuleModel> Rules { get; init; } = [];

    /// <summary>The row-level security policies, sorted by name.</summary>
    public ImmutableArray<PolicyModel> Policies { get; init; } = [];

    /// <summary>The enum types, sorted by name.</summary>
    public ImmutableArray<EnumModel> Enums { get; init; } = [];

    /// <summary>The domains, sorted by name.</summary>
    public ImmutableArray<DomainModel> Domains { get; init; } = [];

    /// <summary>The composite types, sorted by name.</summary>
    public ImmutableArray<CompositeTypeModel> CompositeTypes { get; init; } = [];

    /// <inheritdoc/>
    public bool Equals(SchemaModel? other) =>
        other is not null &&
        ServerMajorVersion == other.ServerMajorVersion &&
        ImmutableArrayEquality.Equal(Schemas, other.Schemas) &&
        ImmutableArrayEquality.Equal(Extensions, other.Extensions) &&
        ImmutableArrayEquality.Equal(Tables, other.Tables) &&
        ImmutableArrayEquality.Equal(Columns, other.Columns) &&
        ImmutableArrayEquality.Equal(Constraints, other.Constraints) &&
        ImmutableArrayEquality.Equal(Indexes, other.Indexes) &&
        ImmutableArrayEquality.Equal(Sequences, other.Sequences) &&
        ImmutableArrayEquality.Equal(Views, other.Views) &&
        ImmutableArrayEquality.Equal(Routines, other.Routines) &&
        ImmutableArrayEquality.Equal(Triggers, other.Triggers) &&
        ImmutableArrayEquality.Equal(Rules, other.Rules) &&
        ImmutableArrayEquality.Equal(Policies, other.Policies) &&
        ImmutableArrayEquality.Equal(Enums, other.Enums) &&
        ImmutableArrayEquality.Equal(Domains, other.Domains) &&
        ImmutableArrayEquality.Equal(CompositeTypes, other.CompositeTypes);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(ServerMajorVersion);
        hash.Add(ImmutableArrayEquality.Hash(Schemas));
        hash.Add(ImmutableArrayEquality.Hash(Extensions));
        hash.Add(ImmutableArrayEquality.Hash(Tables));
        hash.Add(ImmutableArrayEquality.Hash(Columns));
        hash.Add(ImmutableArrayEquality.Hash(Constraints));
        hash.Add(ImmutableArrayEquality.Hash(Indexes));
        hash.Add(ImmutableArrayEquality.Hash(Sequences));
        hash.Add(ImmutableArrayEquality.Hash(Views));
        hash.Add(ImmutableArrayEquality.Hash(Routines));
        hash.Add(ImmutableArrayEquality.Hash(Triggers));
        hash.Add(ImmutableArrayEquality.Hash(Rules));
        hash.Add(ImmutableArrayEquality.Hash(Policies));
        hash.Add(ImmutableArrayEquality.Hash(Enums));
        hash.Add(ImmutableArrayEquality.Hash(Domains));
        hash.Add(ImmutableArrayEquality.Hash(CompositeTypes));
        return hash.ToHashCode();
    }
}
