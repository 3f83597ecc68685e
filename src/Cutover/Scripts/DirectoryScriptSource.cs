namespace Cutover.Scripts;

/// <summary>Reads migrations from a folder (not its subfolders) and <c>schema.sql</c> from a path, by default beside
/// the folder.</summary>
/// <remarks>Files are decoded as UTF-8 (<see cref="ScriptFile.FromUtf8"/>). A file that cannot be read or decoded, or a
/// subfolder whose name ends in <c>.sql</c>, comes back with <see cref="ScriptFile.Problem"/> set rather than
/// throwing, so <see cref="MigrationSet"/> lists it with every other problem.</remarks>
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
        foreach (var path in Directory.EnumerateFileSystemEntries(MigrationsFolder).Order(StringComparer.Ordinal))
        {
            if (!path.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (Directory.Exists(path))
            {
                // Subfolders are not read, but one named like a script is surely a script put in the wrong place.
                files.Add(new ScriptFile(Path.GetFileName(path), path, "")
                {
                    Problem = new ScriptProblem(path, null, null,
                        "is a folder, not a script file: move its scripts up or rename it"),
                });
                continue;
            }

            files.Add(await ReadAsync(path, cancellationToken).ConfigureAwait(false));
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

        return await ReadAsync(SchemaPath, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ScriptFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ScriptFile(Path.GetFileName(path), path, "")
            {
                Problem = new ScriptProblem(path, null, null, "cannot be read: " + e.Message),
            };
        }

        return ScriptFile.FromUtf8(Path.GetFileName(path), path, bytes);
    }
}
