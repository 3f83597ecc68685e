using System.Collections.Immutable;

namespace Cutover.Inspection;

/// <summary>A composite type made with <c>CREATE TYPE name AS (...)</c> (tables' row types are not listed).</summary>
internal sealed record CompositeTypeModel
{
    /// <summary>The type's schema.</summary>
    public required string Schema { get; init; }

    /// <summary>The type's name.</summary>
    public required string Name { get; init; }

    /// <summary>The attributes in order.</summary>
    public ImmutableArray<CompositeAttributeModel> Attributes { get; init; } = [];

    /// <summary>The comment on the type, or null.</summary>
    public string? Comment { get; init; }

    /// <summary>The privileges granted on the type (<see cref="InspectionOptions.IncludePrivileges"/>), or null.</summary>
    public string? Privileges { get; init; }

    /// <inheritdoc/>
    public bool Equals(CompositeTypeModel? other) =>
        other is not null &&
        Schema == other.Schema && Name == other.Name &&
        ImmutableArrayEquality.Equal(Attributes, other.Attributes) && Comment == other.Comment &&
        Privileges == other.Privileges;

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Schema, Name, ImmutableArrayEquality.Hash(Attributes), Comment, Privileges);
}
