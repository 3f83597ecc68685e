using System.Collections.Immutable;

namespace Cutover.Fleet;

/// <summary>A fleet file cannot be used: it is not valid YAML, has an unknown or missing key, a target query failed,
/// or two targets have one name. Every problem is listed, each as <c>file:line:column: key: message</c>, and nothing
/// was run.</summary>
public sealed class FleetFileException : CutoverException
{
    internal FleetFileException(string file, ImmutableArray<FleetFileProblem> problems)
        : base(string.Join(Environment.NewLine, problems.Select(p => p.Format(file))))
    {
        File = file;
        Problems = problems;
    }

    /// <summary>The fleet file, as given.</summary>
    public string File { get; }

    /// <summary>Every problem found, in file order.</summary>
    public ImmutableArray<FleetFileProblem> Problems { get; }
}
