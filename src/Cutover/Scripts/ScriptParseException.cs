using System.Collections.Immutable;

namespace Cutover.Scripts;

/// <summary>The scripts are not valid input: bad names, duplicate serials, contradicting tags, transaction control in
/// a script, unterminated quotes, a missing folder. Every problem found is listed; nothing was applied.</summary>
public sealed class ScriptParseException : CutoverException
{
    /// <summary>Creates the exception for one or more problems.</summary>
    internal ScriptParseException(IEnumerable<ScriptProblem> problems)
        : this(problems.ToImmutableArray())
    {
    }

    private ScriptParseException(ImmutableArray<ScriptProblem> problems)
        : base(string.Join(Environment.NewLine, problems.Select(p => p.ToString())))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, in file order.</summary>
    public ImmutableArray<ScriptProblem> Problems { get; }
}
