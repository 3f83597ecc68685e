using System.Collections.Immutable;

namespace Cutover.Inspection;

/// <summary>What <see cref="SchemaInspector"/> leaves out of a <see cref="SchemaModel"/> and what it adds.</summary>
/// <remarks><c>pg_catalog</c>, <c>information_schema</c>, <c>pg_toast</c>, temporary schemas and objects owned by
/// extensions are always left out.</remarks>
public sealed record InspectionOptions
{
    /// <summary>The names of Cutover's own journal tables, left out by default because they record history rather
    /// than structure.</summary>
    public static ImmutableArray<string> JournalTables { get; } =
        ["public.cutover_migrations", "public.cutover_post_deploy"];

    /// <summary>Schemas to leave out, with everything in them (<c>--exclude-schema</c>).</summary>
    public ImmutableArray<string> ExcludedSchemas { get; init; } = [];

    /// <summary>Tables to leave out, schema-qualified (<c>public.cutover_migrations</c>), with their columns,
    /// constraints, indexes, triggers, rules, policies and owned sequences; <see cref="JournalTables"/> by
    /// default.</summary>
    public ImmutableArray<string> ExcludedTables { get; init; } = JournalTables;

    /// <summary>Whether to read granted privileges (<c>--include-privileges</c>); off by default, because roles are
    /// often set up per environment.</summary>
    public bool IncludePrivileges { get; init; }

    /// <inheritdoc/>
    public bool Equals(InspectionOptions? other) =>
        other is not null &&
        ImmutableArrayEquality.Equal(ExcludedSchemas, other.ExcludedSchemas) &&
        ImmutableArrayEquality.Equal(ExcludedTables, other.ExcludedTables) &&
        IncludePrivileges == other.IncludePrivileges;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(
        ImmutableArrayEquality.Hash(ExcludedSchemas), ImmutableArrayEquality.Hash(ExcludedTables), IncludePrivileges);
}
