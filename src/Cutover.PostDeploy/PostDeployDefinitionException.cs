using System.Collections.Immutable;

namespace Cutover.PostDeploy;

/// <summary>Declared actions are invalid (duplicate ids, wrong signatures, unloadable assemblies); nothing ran.</summary>
public sealed class PostDeployDefinitionException : CutoverException
{
    /// <summary>Creates the exception with every problem found.</summary>
    internal PostDeployDefinitionException(ImmutableArray<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem, one line each, e.g. <c>MyApp.Backfill: duplicate post-deploy id 'x' (also MyApp.Y)</c>.</summary>
    public ImmutableArray<string> Problems { get; }
}
