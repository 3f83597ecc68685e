namespace Cutover.Scripts;

/// <summary>Reads migrations from a folder (not its subfolders) and <c>schema.sql</c> from a path, by default beside
/// the folder.</summary>
/// <remarks>Files are decoded as UTF-8 (<see cref="ScriptFile.FromUtf8"/>). A file that cannot be read or decoded, or a
/// subfolder whose name ends in <c>.sql</c>, comes back with <see cref="ScriptFile.Problem"/> set rather than
/// throwing, so <see cref="MigrationSet"/> lists it with every other problem.</remarks>
public sealed class DirectoryScriptSource : IScriptSource
{
    // Case-insensitive like the extension check it replaces (Script.SQL is a script), on every file system.
    private static readonly EnumerationOptions s_sqlFiles = new()
    {
        MatchCasing = MatchCasing.CaseInsensitive,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
    };

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
    /// <remarks>Reads synchronously: a migration is a small local file, read in microseconds, while an asynchronous
    /// read queues each file to the thread pool and back, which made loading 500 scripts cost more than everything
    /// else a no-op run does.</remarks>
    public Task<IReadOnlyList<ScriptFile>> ReadMigrationsAsync(CancellationToken cancellationToken = default)
    {
        var folder = new DirectoryInfo(MigrationsFolder);
        if (!folder.Exists)
        {
            throw new ScriptParseException([new ScriptProblem(MigrationsFolder, null, null, "migrations folder not found")]);
        }

        var files = new List<ScriptFile>();

        // The entries' attributes come with the listing (no stat per file).
        foreach (var entry in folder.EnumerateFileSystemInfos("*.sql", s_sqlFiles).OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(MigrationsFolder, entry.Name);
            if ((entry.Attributes & FileAttributes.Directory) != 0)
            {
                // Subfolders are not read, but one named like a script is surely a script put in the wrong place.
                files.Add(new ScriptFile(entry.Name, path, "")
                {
                    Problem = new ScriptProblem(path, null, null,
                        "is a folder, not a script file: move its scripts up or rename it"),
                });
                continue;
            }

            files.Add(Read(path));
        }

        return Task.FromResult<IReadOnlyList<ScriptFile>>(files);
    }

    /// <inheritdoc />
    public Task<ScriptFile?> ReadSchemaAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(File.Exists(SchemaPath) ? Read(SchemaPath) : null);
    }

    private static ScriptFile Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
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
