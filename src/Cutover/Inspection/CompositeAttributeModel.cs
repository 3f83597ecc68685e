namespace Cutover.Inspection;

/// <summary>An attribute (field) of a composite type.</summary>
internal sealed record CompositeAttributeModel
{
    /// <summary>The attribute's name.</summary>
    public required string Name { get; init; }

    /// <summary>The type with its modifiers.</summary>
    public required string Type { get; init; }

    /// <summary>The collation, schema-qualified, when it is not the type's default; otherwise null.</summary>
    public string? Collation { get; init; }
}
