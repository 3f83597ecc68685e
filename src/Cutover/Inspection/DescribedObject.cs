using System.Collections.Immutable;

namespace Cutover.Inspection;

/// <summary>One object of a <see cref="SchemaModel"/> as the comparison sees it: a kind, a display name, the
/// relation it belongs to (if any) and its properties as text, in reading order.</summary>
internal sealed record DescribedObject(
    ObjectKind Kind, string Name, string? Relation, ImmutableArray<KeyValuePair<string, string?>> Properties);
