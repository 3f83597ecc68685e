namespace Cutover.Fleet;

/// <summary>The counts a worker reports with each target: the ledger's at the start, plus what this worker did.</summary>
internal sealed class FleetTally(string runId, int total, int done, int failed)
{
    private int _done = done;
    private int _failed = failed;
    private int _running;

    public FleetProgress Started(string target)
    {
        Interlocked.Increment(ref _running);
        return Snapshot(target, FleetTargetState.Running);
    }

    public FleetProgress Finished(FleetTargetState state)
    {
        Interlocked.Increment(ref state == FleetTargetState.Done ? ref _done : ref _failed);
        Interlocked.Decrement(ref _running);
        return Snapshot("", state);
    }

    public void Abandoned() => Interlocked.Decrement(ref _running);

    private FleetProgress Snapshot(string target, FleetTargetState state) =>
        new(runId, target, state, 0, TimeSpan.Zero, null, Volatile.Read(ref _done), Volatile.Read(ref _failed),
            Volatile.Read(ref _running), total);
}
