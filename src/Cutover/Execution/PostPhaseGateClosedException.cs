using System.Collections.Immutable;

namespace Cutover.Execution;

/// <summary>An upgrade stopped before the post phase because a gate (<see cref="IPostPhaseGate"/>) is closed: a
/// before-post action has not succeeded. No post-migration was applied; the pre-migrations of the same run (with
/// <see cref="Planning.PhaseSelection.All"/>) stay applied, as they would after <c>upgrade --phase pre</c>.</summary>
public sealed class PostPhaseGateClosedException : CutoverException
{
    internal PostPhaseGateClosedException(ImmutableArray<string> blockers, ImmutableArray<AppliedScript> applied)
        : base(Describe(blockers, applied))
    {
        Blockers = blockers;
        Applied = applied;
    }

    /// <summary>What holds the post phase back, one line each.</summary>
    public ImmutableArray<string> Blockers { get; }

    /// <summary>The pre-migrations this run applied before it reached the gate.</summary>
    public ImmutableArray<AppliedScript> Applied { get; }

    private static string Describe(ImmutableArray<string> blockers, ImmutableArray<AppliedScript> applied) =>
        $"post phase refused: {blockers.Length} before-post action(s) have not succeeded:" + Environment.NewLine +
        string.Concat(blockers.Select(b => "  " + b + Environment.NewLine)) +
        "run them first (cutover deploy --assembly APP.dll --auto --stage before-post, or --one ID), or pass --ignore-gates; " +
        (applied.IsDefaultOrEmpty
            ? "nothing applied"
            : $"the {applied.Length} pre-migration(s) of this run stay applied, no post-migration was");
}
