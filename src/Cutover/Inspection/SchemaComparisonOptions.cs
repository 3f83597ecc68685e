using System.Collections.Immutable;

namespace Cutover.Inspection;

/// <summary>How <see cref="SchemaComparer"/> compares two models. Schemas and tables to leave out are chosen when
/// inspecting (<see cref="InspectionOptions"/>), so that they are never read.</summary>
public sealed record SchemaComparisonOptions
{
    /// <summary>Kinds of object not to compare (<c>--ignore KIND</c>); <see cref="ObjectKindNames.TryParse"/> reads
    /// them as users type them.</summary>
    public ImmutableArray<ObjectKind> IgnoredKinds { get; init; } = [];

    /// <summary>Whether a different column order makes tables differ. When false (the default) it is reported as a
    /// <see cref="DifferenceKind.Note"/>: <c>ALTER TABLE ... ADD COLUMN</c> can only append, so upgraded databases
    /// rarely match a fresh install's order.</summary>
    public bool StrictColumnOrder { get; init; }

    /// <inheritdoc/>
    public bool Equals(SchemaComparisonOptions? other) =>
        other is not null && ImmutableArrayEquality.Equal(IgnoredKinds, other.IgnoredKinds) &&
        StrictColumnOrder == other.StrictColumnOrder;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ImmutableArrayEquality.Hash(IgnoredKinds), StrictColumnOrder);
}
