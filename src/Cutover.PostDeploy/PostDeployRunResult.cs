using System.Collections.Immutable;

namespace Cutover.PostDeploy;

/// <summary>What a deploy did: one outcome per action and tenant it tried, in the order it tried them.</summary>
/// <param name="Outcomes">The outcomes.</param>
public sealed record PostDeployRunResult(ImmutableArray<PostDeployOutcome> Outcomes)
{
    /// <summary>Whether any action failed, lost its claim, or was left unfinished under another node's claim:
    /// <c>cutover deploy</c> exits 1 then.</summary>
    public bool HasFailures => Outcomes.Any(o =>
        o.Kind is PostDeployOutcomeKind.Failed or PostDeployOutcomeKind.ClaimLost or PostDeployOutcomeKind.HeldElsewhere);

    /// <inheritdoc/>
    public bool Equals(PostDeployRunResult? other) =>
        other is not null && Outcomes.SequenceEqual(other.Outcomes);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var outcome in Outcomes)
        {
            hash.Add(outcome);
        }

        return hash.ToHashCode();
    }
}
