namespace Cutover.Fleet;

/// <summary><c>--join</c> or <c>resume</c> named a run the control database's ledger does not have.</summary>
public sealed class FleetRunNotFoundException : CutoverException
{
    internal FleetRunNotFoundException(string runId)
        : base($"fleet run '{runId}' not found in the ledger (cutover_fleet.runs of the control database)")
    {
        RunId = runId;
    }

    /// <summary>The run asked for.</summary>
    public string RunId { get; }
}
