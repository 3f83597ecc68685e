using System.Collections.Immutable;

namespace Cutover.Inspection;

/// <summary>The result of comparing the structure of two databases: every difference, sorted by object kind, object
/// name and property, with the names the caller gave the two sides.</summary>
/// <remarks>A plain tree of strings, enums and arrays, meant to be serialised as it is (<c>--json</c>) and rendered
/// by <see cref="WriteTo"/>.</remarks>
public sealed record SchemaComparison
{
    /// <summary>What the left side is called in output, e.g. <c>schema.sql</c>.</summary>
    public required string LeftName { get; init; }

    /// <summary>What the right side is called in output, e.g. <c>migrations</c>.</summary>
    public required string RightName { get; init; }

    /// <summary>The differences and notes, sorted.</summary>
    public ImmutableArray<SchemaDifference> Differences { get; init; } = [];

    /// <summary>Whether the two schemas are the same structure: no difference other than notes.</summary>
    public bool IsEquivalent => Differences.IsDefault || Differences.All(d => d.Kind == DifferenceKind.Note);

    /// <summary>Writes the comparison as a person reads it at a glance, as <c>cutover check</c> and <c>cutover diff</c>
    /// print it: one block per object, each differing property with both sides' values labelled by the sides' names,
    /// multi-line values (function bodies, view definitions) as a line diff, and a closing summary line.</summary>
    /// <param name="writer">Receives the text, which ends with a newline.</param>
    public void WriteTo(TextWriter writer) => SchemaComparisonFormatter.Write(this, writer);

    /// <inheritdoc/>
    public bool Equals(SchemaComparison? other) =>
        other is not null && LeftName == other.LeftName && RightName == other.RightName &&
        ImmutableArrayEquality.Equal(Differences, other.Differences);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(LeftName, RightName, ImmutableArrayEquality.Hash(Differences));
}
