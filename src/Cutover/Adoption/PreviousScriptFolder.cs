using System.Collections.Immutable;
using Cutover.Scripts;

namespace Cutover.Adoption;

/// <summary>Every <c>.sql</c> file below the previous tool's folder, subfolders included (grate keeps its one-time
/// scripts in <c>up/</c>, Pum 1.x in <c>changelogs/VERSION/</c>).</summary>
internal sealed class PreviousScriptFolder
{
    private static readonly EnumerationOptions s_sqlFiles = new()
    {
        MatchCasing = MatchCasing.CaseInsensitive,
        RecurseSubdirectories = true,
        IgnoreInaccessible = false,
    };

    private PreviousScriptFolder(string root, ImmutableArray<PreviousScriptFile> files)
    {
        Root = root;
        Files = files;

        // Histories run to thousands of rows: each finds its file by path or name without a scan.
        ByRelativePath = files.ToImmutableDictionary(f => f.RelativePath, StringComparer.Ordinal);
        ByFileName = files.ToLookup(f => f.FileName, StringComparer.Ordinal);
        ByDottedPath = files.ToLookup(f => f.RelativePath.Replace('/', '.'), StringComparer.Ordinal);
    }

    /// <summary>The folder as given.</summary>
    public string Root { get; }

    /// <summary>The files in ordinal order of their relative paths.</summary>
    public ImmutableArray<PreviousScriptFile> Files { get; }

    /// <summary>The files by relative path (<c>up/0001_init.sql</c>).</summary>
    public ImmutableDictionary<string, PreviousScriptFile> ByRelativePath { get; }

    /// <summary>The files by bare name; one name may stand in several folders.</summary>
    public ILookup<string, PreviousScriptFile> ByFileName { get; }

    /// <summary>The files by relative path with <c>.</c> for <c>/</c>, as DbUp names them.</summary>
    public ILookup<string, PreviousScriptFile> ByDottedPath { get; }

    /// <exception cref="ScriptParseException">The folder does not exist, or a file cannot be read or is not
    /// UTF-8.</exception>
    public static PreviousScriptFolder Read(string root, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var folder = new DirectoryInfo(root);
        if (!folder.Exists)
        {
            throw new ScriptParseException([new ScriptProblem(root, null, null,
                "the previous tool's scripts folder (--from-dir) was not found")]);
        }

        var files = ImmutableArray.CreateBuilder<PreviousScriptFile>();
        var problems = new List<ScriptProblem>();
        foreach (var file in folder.EnumerateFiles("*.sql", s_sqlFiles))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Path.GetRelativePath(folder.FullName, file.FullName).Replace('\\', '/');
            var location = Path.Combine(root, relative);
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(new ScriptProblem(location, null, null, "cannot be read: " + e.Message));
                continue;
            }

            var decoded = ScriptFile.FromUtf8(file.Name, location, bytes);
            if (decoded.Problem is { } problem)
            {
                problems.Add(problem);
                continue;
            }

            files.Add(new PreviousScriptFile(relative, location, bytes, decoded.Content));
        }

        if (problems.Count > 0)
        {
            throw new ScriptParseException([.. problems]);
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return new PreviousScriptFolder(root, files.ToImmutable());
    }
}
