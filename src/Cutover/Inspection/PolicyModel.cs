using System.Collections.Immutable;

namespace Cutover.Inspection;

/// <summary>A row-level security policy.</summary>
internal sealed record PolicyModel
{
    /// <summary>The table's schema.</summary>
    public required string Schema { get; init; }

    /// <summary>The table's name.</summary>
    public required string Table { get; init; }

    /// <summary>The policy's name.</summary>
    public required string Name { get; init; }

    /// <summary>The command it applies to: <c>ALL</c>, <c>SELECT</c>, <c>INSERT</c>, <c>UPDATE</c> or
    /// <c>DELETE</c>.</summary>
    public required string Command { get; init; }

    /// <summary>Whether the policy is permissive (false: restrictive).</summary>
    public bool Permissive { get; init; }

    /// <summary>The roles it applies to, sorted; <c>PUBLIC</c> for everyone.</summary>
    public ImmutableArray<string> Roles { get; init; } = [];

    /// <summary>The <c>USING</c> expression, or null.</summary>
    public string? Using { get; init; }

    /// <summary>The <c>WITH CHECK</c> expression, or null.</summary>
    public string? WithCheck { get; init; }

    /// <summary>The comment on the policy, or null.</summary>
    public string? Comment { get; init; }

    /// <inheritdoc/>
    public bool Equals(PolicyModel? other) =>
        other is not null &&
        Schema == other.Schema && Table == other.Table && Name == other.Name && Command == other.Command &&
        Permissive == other.Permissive && ImmutableArrayEquality.Equal(Roles, other.Roles) &&
        Using == other.Using && WithCheck == other.WithCheck && Comment == other.Comment;

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Schema, Table, Name, Command, Permissive, ImmutableArrayEquality.Hash(Roles), Using);
}
