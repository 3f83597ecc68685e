using System.Collections.Immutable;

namespace Cutover.Inspection;

/// <summary>A view or materialized view.</summary>
internal sealed record ViewModel
{
    /// <summary>The view's schema.</summary>
    public required string Schema { get; init; }

    /// <summary>The view's name.</summary>
    public required string Name { get; init; }

    /// <summary>Whether this is a materialized view.</summary>
    public bool Materialized { get; init; }

    /// <summary>The query as <c>pg_get_viewdef</c> normalises it.</summary>
    public required string Definition { get; init; }

    /// <summary>View options (<c>security_barrier=true</c>, <c>check_option=local</c>), sorted.</summary>
    public ImmutableArray<string> Options { get; init; } = [];

    /// <summary>The comment on the view, or null.</summary>
    public string? Comment { get; init; }

    /// <summary>The privileges granted on the view (<see cref="InspectionOptions.IncludePrivileges"/>), or null.</summary>
    public string? Privileges { get; init; }

    /// <inheritdoc/>
    public bool Equals(ViewModel? other) =>
        other is not null &&
        Schema == other.Schema && Name == other.Name && Materialized == other.Materialized &&
        Definition == other.Definition && ImmutableArrayEquality.Equal(Options, other.Options) &&
        Comment == other.Comment && Privileges == other.Privileges;

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Schema, Name, Materialized, Definition, ImmutableArrayEquality.Hash(Options), Comment);
}
