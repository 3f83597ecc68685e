namespace Cutover.Execution;

/// <summary>The backoff between retries of a script that hit the lock timeout: exponential, capped, with jitter so
/// that several deployers (or a deployer and a cron job) do not retry in lockstep.</summary>
internal sealed class LockTimeoutRetry(TimeSpan firstDelay, TimeSpan maxDelay, Random random)
{
    /// <summary>The delay before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var exponential = firstDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 20));
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);

        // Full jitter on the upper half: never less than half the nominal delay, never more than it.
        var jittered = capped / 2 + (random.NextDouble() * capped / 2);
        return TimeSpan.FromMilliseconds(jittered);
    }
}
