namespace Cutover.Scripts;

/// <summary>Where migration scripts and <c>schema.sql</c> come from: a folder, or resources embedded in an assembly
/// so that a library can ship its schema inside its NuGet package.</summary>
public interface IScriptSource
{
    /// <summary>A description of the source for messages (a folder path, an assembly name).</summary>
    string Description { get; }

    /// <summary>Reads every <c>.sql</c> migration file; other files are ignored.</summary>
    /// <exception cref="ScriptParseException">The source does not exist or cannot be read.</exception>
    Task<IReadOnlyList<ScriptFile>> ReadMigrationsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads <c>schema.sql</c>, or returns null when the source has none.</summary>
    /// <exception cref="ScriptParseException">The file exists but cannot be read.</exception>
    Task<ScriptFile?> ReadSchemaAsync(CancellationToken cancellationToken = default);
}
