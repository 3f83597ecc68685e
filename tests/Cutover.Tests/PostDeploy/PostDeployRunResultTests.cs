using System.Collections.Immutable;
using Cutover.PostDeploy;
using FsCheck;
using FsCheck.Fluent;
using Shouldly;

namespace Cutover.Tests.PostDeploy;

public sealed class PostDeployRunResultTests
{
    [Fact]
    public void Equals_and_GetHashCode_agree_on_outcome_sequences()
    {
        Prop.ForAll<byte[], byte[]>((left, right) =>
        {
            var a = Result(left);
            var b = Result(right);
            var copy = Result(left);
            return a.Equals(copy) && a.GetHashCode() == copy.GetHashCode() &&
                a.Equals(b) == left.Select(k => k % 8).SequenceEqual(right.Select(k => k % 8)) && (!a.Equals(b) || a.GetHashCode() == b.GetHashCode());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Failed_or_lost_claims_are_failures_and_not_claimed_is_not()
    {
        Result([(byte)PostDeployOutcomeKind.NotClaimed, (byte)PostDeployOutcomeKind.Succeeded]).HasFailures.ShouldBeFalse();
        Result([(byte)PostDeployOutcomeKind.ClaimLost]).HasFailures.ShouldBeTrue();
        Result([(byte)PostDeployOutcomeKind.Failed]).HasFailures.ShouldBeTrue();
    }

    private static PostDeployRunResult Result(byte[] kinds) => new([.. kinds.Select((k, i) => new PostDeployOutcome(
        new PostDeployWorkItem("action-" + i, ""), (PostDeployOutcomeKind)(k % 8)))]);
}
