namespace Cutover.Tests;

/// <summary>Finds <c>shared/corpus</c> (real migration sets written by other projects) beside the repository.</summary>
public static class SharedCorpus
{
    public static string Root { get; } = Locate();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>Copies a corpus folder to a temporary one that a test may change.</summary>
    public static string CopyToTemp(params string[] parts)
    {
        var source = Path(parts);
        var target = Directory.CreateTempSubdirectory("cutover-corpus-").FullName;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { System.IO.Path.Combine(dir.FullName, "shared", "corpus"),
                         System.IO.Path.Combine(dir.FullName, "..", "shared", "corpus") })
            {
                if (Directory.Exists(candidate))
                {
                    return System.IO.Path.GetFullPath(candidate);
                }
            }
        }

        throw new DirectoryNotFoundException("shared/corpus not found above " + AppContext.BaseDirectory);
    }
}
