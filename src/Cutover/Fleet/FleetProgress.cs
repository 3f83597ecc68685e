namespace Cutover.Fleet;

/// <summary>A target started or ended, with the run's counts as this worker sees them.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Target">The target's name.</param>
/// <param name="State"><see cref="FleetTargetState.Running"/> when it starts, then done or failed.</param>
/// <param name="Applied">Scripts it applied (when done).</param>
/// <param name="Elapsed">How long it took (when it ended).</param>
/// <param name="Error">Why it failed, one line; null otherwise.</param>
/// <param name="Done">Targets done in the run so far.</param>
/// <param name="Failed">Targets failed so far.</param>
/// <param name="Running">Targets this worker has in flight.</param>
/// <param name="Total">Targets in the run.</param>
public sealed record FleetProgress(
    string RunId, string Target, FleetTargetState State, int Applied, TimeSpan Elapsed, string? Error, int Done, int Failed,
    int Running, int Total);
