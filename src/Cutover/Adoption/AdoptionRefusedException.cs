using System.Collections.Immutable;

namespace Cutover.Adoption;

/// <summary><c>adopt</c> found problems: every one is listed, and nothing was written.</summary>
public sealed class AdoptionRefusedException : CutoverException
{
    internal AdoptionRefusedException(string summary, ImmutableArray<AdoptionProblem> problems)
        : base(summary + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }

    /// <summary>What is wrong, one entry per history row, file or script at fault.</summary>
    public ImmutableArray<AdoptionProblem> Problems { get; }
}
