namespace Cutover.Execution;

/// <summary>What <c>repair</c> may change.</summary>
public sealed record RepairOptions
{
    /// <summary>Clear failed and interrupted no-transaction entries so the scripts run again; true by default.</summary>
    public bool ClearFailed { get; init; } = true;

    /// <summary>Record the current checksum of scripts whose files changed since they were recorded.</summary>
    public bool AcceptChecksums { get; init; }
}
