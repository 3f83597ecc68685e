namespace Cutover;

/// <summary>Event ids of every log message Cutover writes, one range per capability, so that logs can be filtered and
/// asserted by id rather than by text.</summary>
public static class CutoverEventIds
{
    // Scripts 1xxx
    /// <summary>A file in a migrations folder was ignored because it does not end in <c>.sql</c>.</summary>
    public const int ScriptFileIgnored = 1001;

    // Connections 2xxx
    /// <summary>A connection target was resolved (host, port, database and user only).</summary>
    public const int ConnectionResolved = 2001;

    // Journal 3xxx
    /// <summary>The journal table was created.</summary>
    public const int JournalCreated = 3001;

    // Execution 4xxx
    /// <summary>A script is about to be applied.</summary>
    public const int ScriptApplying = 4001;
    /// <summary>A script was applied and recorded.</summary>
    public const int ScriptApplied = 4002;
    /// <summary>A script failed; its transaction was rolled back or its journal row marked failed.</summary>
    public const int ScriptFailed = 4003;
    /// <summary>A script hit the lock timeout and will be retried after a backoff.</summary>
    public const int LockTimeoutRetry = 4004;
    /// <summary>One statement is being executed.</summary>
    public const int StatementExecuting = 4005;
    /// <summary>The server sent a notice while a script ran.</summary>
    public const int ServerNotice = 4006;
    /// <summary>The deploy lock is held by another run; waiting for it.</summary>
    public const int DeployLockWaiting = 4007;
    /// <summary>The deploy lock was acquired.</summary>
    public const int DeployLockAcquired = 4008;
    /// <summary>An upgrade run finished; the summary.</summary>
    public const int UpgradeFinished = 4009;
    /// <summary>schema.sql was installed.</summary>
    public const int SchemaInstalled = 4010;

    // Inspection 5xxx (schema model, comparison, check)

    // Safety 6xxx (lint)

    // PostDeploy 7xxx

    // Snapshots 8xxx
    /// <summary>A snapshot was found on the server.</summary>
    public const int SnapshotHit = 8001;
    /// <summary>Another process is building the same snapshot; waiting for it.</summary>
    public const int SnapshotWaiting = 8002;
    /// <summary>A snapshot is being built (from scratch, from a prefix, or from the file store).</summary>
    public const int SnapshotBuilding = 8003;
    /// <summary>A snapshot was built and marked as a template.</summary>
    public const int SnapshotBuilt = 8004;
    /// <summary>A snapshot was written to the file store.</summary>
    public const int SnapshotStored = 8005;
    /// <summary>A clone of a snapshot was created.</summary>
    public const int CloneCreated = 8006;
    /// <summary>A snapshot was dropped by pruning.</summary>
    public const int SnapshotDropped = 8007;
    /// <summary>One configuration of a compatibility run finished.</summary>
    public const int CompatibilityRunFinished = 8008;
}
