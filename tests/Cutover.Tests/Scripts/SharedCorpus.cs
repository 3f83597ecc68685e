namespace Cutover.Tests.Scripts;

/// <summary>Finds the real migration scripts in <c>shared/corpus</c>, which sits beside the repository (or above the
/// worktree) rather than in it.</summary>
internal static class SharedCorpus
{
    internal static string Folder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(directory.FullName, "shared", "corpus"), Path.Combine(directory.FullName, "..", "shared", "corpus") })
            {
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new DirectoryNotFoundException($"no shared/corpus above {AppContext.BaseDirectory}");
    }

    /// <summary>Procrastinate's <c>schema.sql</c> and every file of its <c>migrations/</c>, relative to the
    /// corpus.</summary>
    internal static TheoryData<string> ProcrastinateScripts()
    {
        var folder = Folder();
        var files = Directory.GetFiles(Path.Combine(folder, "procrastinate", "migrations"), "*.sql")
            .Append(Path.Combine(folder, "procrastinate", "schema.sql"))
            .Select(path => Path.GetRelativePath(folder, path))
            .Order(StringComparer.Ordinal);
        return [.. files];
    }

    internal static string Read(string relativePath) => File.ReadAllText(Path.Combine(Folder(), relativePath));
}
