namespace Cutover.Inspection;

/// <summary>A schema (namespace) of the database.</summary>
internal sealed record NamespaceModel
{
    /// <summary>The schema's name.</summary>
    public required string Name { get; init; }

    /// <summary>The comment on the schema, or null.</summary>
    public string? Comment { get; init; }

    /// <summary>The privileges granted on the schema (<see cref="InspectionOptions.IncludePrivileges"/>), or null.</summary>
    public string? Privileges { get; init; }
}
