using System.Collections.Immutable;
using Cutover.Planning;

namespace Cutover.Fleet;

/// <summary>One fleet upgrade: <c>cutover fleet upgrade</c>, <c>--join</c> and <c>resume</c>.</summary>
public sealed record FleetUpgradeOptions
{
    /// <summary>Which migrations each target applies.</summary>
    public required PhaseSelection Phase { get; init; }

    /// <summary>The waves; one wave of every target by default.</summary>
    public FleetWaves Waves { get; init; } = FleetWaves.All;

    /// <summary>How many targets may fail before the run stops; null for the default: none when there are waves
    /// (the canary must pass), no limit otherwise.</summary>
    public int? MaxFailures { get; init; }

    /// <summary>Only targets carrying every one of these labels, each <c>label=value</c>.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Select { get; init; } = [];

    /// <summary>Only this shard's targets; all when null.</summary>
    public FleetShard? Shard { get; init; }

    /// <summary>Joins this run as one more worker instead of starting or resuming one; its options are the run's.</summary>
    public string? Join { get; init; }

    /// <summary>Resumes this run; its options are the run's.</summary>
    public string? Resume { get; init; }

    /// <summary>Told when each target starts and ends, for live output; may be null.</summary>
    public IProgress<FleetProgress>? Progress { get; init; }

    /// <inheritdoc/>
    public bool Equals(FleetUpgradeOptions? other) =>
        other is not null && Phase == other.Phase && ReferenceEquals(Waves, other.Waves) &&
        MaxFailures == other.MaxFailures && Select.SequenceEqual(other.Select) && Shard == other.Shard &&
        Join == other.Join && Resume == other.Resume && ReferenceEquals(Progress, other.Progress);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Phase, Waves.Text, MaxFailures, Select.Length, Shard, Join, Resume);

    /// <summary>The budget that applies: <see cref="MaxFailures"/>, else 0 with waves, else none.</summary>
    internal int? Budget => MaxFailures ?? (Waves.Text == FleetWaves.All.Text ? null : 0);

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Waves);
        if (MaxFailures is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(max, nameof(MaxFailures));
        }

        if (Join is not null && Resume is not null)
        {
            throw new ArgumentException("join a run or resume one, not both", nameof(Join));
        }
    }
}
