namespace Cutover.Scripts;

/// <summary>Where migration scripts and <c>schema.sql</c> come from: a folder, or resources embedded in an assembly
/// so that a library can ship its schema inside its NuGet package.</summary>
public interface IScriptSource
{
    /// <summary>A description of the source for messages (a folder path, an assembly name).</summary>
    string Description { get; }

    /// <summary>Reads every <c>.sql</c> migration file; other files are ignored. An entry that cannot be used (not
    /// UTF-8, unreadable, a folder named like a script) comes back with <see cref="ScriptFile.Problem"/> set.</summary>
    /// <exception cref="ScriptParseException">The source itself does not exist or cannot be listed.</exception>
    Task<IReadOnlyList<ScriptFile>> ReadMigrationsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads <c>schema.sql</c>, or returns null when the source has none; a file that exists but cannot be
    /// read or decoded comes back with <see cref="ScriptFile.Problem"/> set.</summary>
    Task<ScriptFile?> ReadSchemaAsync(CancellationToken cancellationToken = default);
}
