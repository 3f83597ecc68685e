namespace Cutover.Scripts;

/// <summary>Reads migrations from a folder (not its subfolders) and <c>schema.sql</c> from a path, by default beside
/// the folder.</summary>
public sealed class DirectoryScriptSource : IScriptSource
{
    /// <summary>Creates a source over <paramref name="migrationsFolder"/>.</summary>
    /// <param name="migrationsFolder">The folder of migration scripts.</param>
    /// <param name="schemaPath">The <c>schema.sql</c> to install; <c>schema.sql</c> beside the folder when null.</param>
    public DirectoryScriptSource(string migrationsFolder, string? schemaPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(migrationsFolder);
        MigrationsFolder = migrationsFolder;
        var parent = Path.GetDirectoryName(Path.GetFullPath(migrationsFolder)) ?? ".";
        SchemaPath = schemaPath ?? Path.Combine(Path.GetRelativePath(".", parent), "schema.sql");
    }

    /// <summary>The folder of migration scripts.</summary>
    public string MigrationsFolder { get; }

    /// <summary>The <c>schema.sql</c> path.</summary>
    public string SchemaPath { get; }

    /// <inheritdoc />
    public string Description => MigrationsFolder;

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScriptFile>> ReadMigrationsAsync(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(MigrationsFolder))
        {
            throw new ScriptParseException([new ScriptProblem(MigrationsFolder, null, null, "migrations folder not found")]);
        }

        var files = new List<ScriptFile>();
        foreach (var path in Directory.EnumerateFiles(MigrationsFolder).Order(StringComparer.Ordinal))
        {
            if (!path.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var content = await ReadAsync(path, cancellationToken).ConfigureAwait(false);
            files.Add(new ScriptFile(Path.GetFileName(path), path, content));
        }

        return files;
    }

    /// <inheritdoc />
    public async Task<ScriptFile?> ReadSchemaAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(SchemaPath))
        {
            return null;
        }

        var content = await ReadAsync(SchemaPath, cancellationToken).ConfigureAwait(false);
        return new ScriptFile(Path.GetFileName(SchemaPath), SchemaPath, content);
    }

    private static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScriptParseException([new ScriptProblem(path, null, null, "cannot be read: " + e.Message)]);
        }
    }
}
