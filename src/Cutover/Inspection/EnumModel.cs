using System.Collections.Immutable;

namespace Cutover.Inspection;

/// <summary>An enum type.</summary>
internal sealed record EnumModel
{
    /// <summary>The type's schema.</summary>
    public required string Schema { get; init; }

    /// <summary>The type's name.</summary>
    public required string Name { get; init; }

    /// <summary>The labels in their sort order.</summary>
    public ImmutableArray<string> Labels { get; init; } = [];

    /// <summary>The comment on the type, or null.</summary>
    public string? Comment { get; init; }

    /// <summary>The privileges granted on the type (<see cref="InspectionOptions.IncludePrivileges"/>), or null.</summary>
    public string? Privileges { get; init; }

    /// <inheritdoc/>
    public bool Equals(EnumModel? other) =>
        other is not null &&
        Schema == other.Schema && Name == other.Name && ImmutableArrayEquality.Equal(Labels, other.Labels) &&
        Comment == other.Comment && Privileges == other.Privileges;

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Schema, Name, ImmutableArrayEquality.Hash(Labels), Comment, Privileges);
}
