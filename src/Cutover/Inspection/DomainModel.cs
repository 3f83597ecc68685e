using System.Collections.Immutable;

namespace Cutover.Inspection;

/// <summary>A domain.</summary>
internal sealed record DomainModel
{
    /// <summary>The domain's schema.</summary>
    public required string Schema { get; init; }

    /// <summary>The domain's name.</summary>
    public required string Name { get; init; }

    /// <summary>The base type with its modifiers.</summary>
    public required string BaseType { get; init; }

    /// <summary>The default expression, or null.</summary>
    public string? Default { get; init; }

    /// <summary>Whether the domain is <c>NOT NULL</c>.</summary>
    public bool NotNull { get; init; }

    /// <summary>The collation, schema-qualified, when it is not the base type's default; otherwise null.</summary>
    public string? Collation { get; init; }

    /// <summary>The check constraints, by name.</summary>
    public ImmutableArray<DomainConstraintModel> Constraints { get; init; } = [];

    /// <summary>The comment on the domain, or null.</summary>
    public string? Comment { get; init; }

    /// <summary>The privileges granted on the domain (<see cref="InspectionOptions.IncludePrivileges"/>), or
    /// null.</summary>
    public string? Privileges { get; init; }

    /// <inheritdoc/>
    public bool Equals(DomainModel? other) =>
        other is not null &&
        Schema == other.Schema && Name == other.Name && BaseType == other.BaseType && Default == other.Default &&
        NotNull == other.NotNull && Collation == other.Collation &&
        ImmutableArrayEquality.Equal(Constraints, other.Constraints) && Comment == other.Comment &&
        Privileges == other.Privileges;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(
        Schema, Name, BaseType, Default, NotNull, Collation, ImmutableArrayEquality.Hash(Constraints), Comment);
}
