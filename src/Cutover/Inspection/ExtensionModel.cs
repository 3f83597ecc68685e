namespace Cutover.Inspection;

/// <summary>An installed extension; the objects it owns are left out of the model.</summary>
internal sealed record ExtensionModel
{
    /// <summary>The extension's name.</summary>
    public required string Name { get; init; }

    /// <summary>The installed version, e.g. <c>1.1</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The schema the extension's objects were installed into.</summary>
    public required string Schema { get; init; }
}
