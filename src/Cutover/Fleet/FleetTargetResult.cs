namespace Cutover.Fleet;

/// <summary>One target of a run, as its ledger row says.</summary>
/// <param name="Name">The target's name.</param>
/// <param name="Wave">Its wave, from 1.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Applied">Scripts applied by the attempt that finished it; null until then.</param>
/// <param name="Attempts">How many times a worker took it up: 1 for a target done in one go, and never more
/// for a done target however often the run is resumed.</param>
/// <param name="StartedAt">When the last attempt started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Error">Why it failed, one line; null otherwise.</param>
public sealed record FleetTargetResult(
    string Name, int Wave, FleetTargetState State, int? Applied, int Attempts, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, string? Error);
