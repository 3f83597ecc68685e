namespace Cutover.Tests.Inspection;

/// <summary>Finds /work/shared/corpus (or wherever the checkout sits) by walking up from the test binaries to a
/// folder that holds <c>shared/corpus</c>.</summary>
internal static class Corpus
{
    public static string Directory { get; } = Locate();

    public static string PathOf(params string[] parts) => Path.Combine([Directory, .. parts]);

    private static string Locate()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "corpus");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("no shared/corpus folder above " + AppContext.BaseDirectory);
    }
}
