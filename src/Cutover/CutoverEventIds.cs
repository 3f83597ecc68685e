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
    /// <summary>A connection service was read from a service file.</summary>
    public const int ConnectionServiceRead = 2002;
    /// <summary>A password file was ignored because it is readable by others, is not a file, or cannot be read.</summary>
    public const int PasswordFileIgnored = 2003;
    /// <summary>The password was taken from a password file (the file and line are logged, never the password).</summary>
    public const int PasswordFromFile = 2004;
    /// <summary>A data source was created for a resolved connection.</summary>
    public const int DataSourceCreated = 2005;

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
    /// <summary>The deploy lock is held by another run (named: backend, application, host, since when); waiting for it.
    /// A warning, so that a run that waits says why even without --verbose.</summary>
    public const int DeployLockWaiting = 4007;
    /// <summary>The deploy lock was acquired.</summary>
    public const int DeployLockAcquired = 4008;
    /// <summary>An upgrade run finished; the summary.</summary>
    public const int UpgradeFinished = 4009;
    /// <summary>schema.sql was installed.</summary>
    public const int SchemaInstalled = 4010;
    /// <summary>repair dropped an INVALID index that an interrupted no-transaction script left.</summary>
    public const int InvalidIndexDropped = 4011;
    /// <summary>A script was recorded by another run between planning and applying it; skipped.</summary>
    public const int ScriptRecordedMeanwhile = 4012;
    /// <summary>Another tool's history was adopted into the journal; the counts.</summary>
    public const int HistoryAdopted = 4013;

    // Inspection 5xxx (schema model, comparison, check)
    /// <summary>A database's catalog is about to be read (host, port and database only).</summary>
    public const int SchemaInspecting = 5001;
    /// <summary>A database's catalog was read into a schema model; the object counts and time taken.</summary>
    public const int SchemaInspected = 5002;
    /// <summary>The text of one catalog query (trace level).</summary>
    public const int CatalogQuery = 5003;
    /// <summary>Two schema models were compared; the counts of differences and notes.</summary>
    public const int SchemasCompared = 5004;

    // Safety 6xxx (lint)
    /// <summary>The lint's scratch database is ready: cloned from the snapshot of the scripts before the first one
    /// linted, or created empty.</summary>
    public const int LintScratchReady = 6001;
    /// <summary>One script was run statement by statement on the scratch database and rolled back.</summary>
    public const int LintScriptObserved = 6002;
    /// <summary>One statement is being observed (trace level, with its text).</summary>
    public const int LintStatementObserved = 6003;
    /// <summary>A lint finished; the counts of scripts, errors and warnings.</summary>
    public const int LintFinished = 6004;
    /// <summary>A script failed on the scratch database, so the scripts after it are checked by their text only.</summary>
    public const int LintObservationStopped = 6005;

    // PostDeploy 7xxx
    /// <summary>The post-deploy journal table was created.</summary>
    public const int PostDeployJournalCreated = 7001;
    /// <summary>Post-deploy actions were requested (marked to run) by a deploy or a worker.</summary>
    public const int PostDeployActionsRequested = 7002;
    /// <summary>A node claimed a post-deploy action and is about to run it.</summary>
    public const int PostDeployActionClaimed = 7003;
    /// <summary>A post-deploy action succeeded and was recorded.</summary>
    public const int PostDeployActionSucceeded = 7004;
    /// <summary>A post-deploy action failed; the error and stack trace were recorded.</summary>
    public const int PostDeployActionFailed = 7005;
    /// <summary>A post-deploy action was not run here because another node holds or finished it.</summary>
    public const int PostDeployActionNotClaimed = 7006;
    /// <summary>This node's claim expired and another node took the action over.</summary>
    public const int PostDeployClaimLost = 7007;
    /// <summary>A node shutting down handed its claimed action back for another node to continue.</summary>
    public const int PostDeployActionReleased = 7008;
    /// <summary>A running post-deploy action stopped because an operator paused or cancelled it.</summary>
    public const int PostDeployActionStopped = 7009;
    /// <summary>A backfill batch committed with its cursor.</summary>
    public const int PostDeployBackfillBatch = 7010;
    /// <summary>A backfill backed off because of lock waits or replication lag.</summary>
    public const int PostDeployBackfillThrottled = 7011;
    /// <summary>A backfill batch hit a lock timeout or deadlock, rolled back, and will be retried.</summary>
    public const int PostDeployBackfillBatchRetry = 7012;
    /// <summary>Post-deploy actions were queued for another scheduler (hosted workers, Quartz).</summary>
    public const int PostDeployActionsQueued = 7013;
    /// <summary>A post-deploy worker started claiming actions.</summary>
    public const int PostDeployWorkerStarted = 7014;
    /// <summary>A post-deploy worker hit a database error and will try again after the poll interval.</summary>
    public const int PostDeployWorkerError = 7015;
    /// <summary>An operator changed the state of a post-deploy action (skip, reset, pause, resume, cancel).</summary>
    public const int PostDeployStateChanged = 7016;
    /// <summary>A deploy waits while another node holds the claim of an action it asked for (a warning: it says why
    /// the deploy is not moving).</summary>
    public const int PostDeployWaitingForClaim = 7017;

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

    // Fleet 9xxx
    /// <summary>A fleet run started, resumed or was joined.</summary>
    public const int FleetRunStarted = 9001;
    /// <summary>A fleet target was upgraded.</summary>
    public const int FleetTargetDone = 9002;
    /// <summary>A fleet target failed; the run goes on within its failure budget.</summary>
    public const int FleetTargetFailed = 9003;
    /// <summary>A fleet target whose worker died is taken up again and checked against its own journal.</summary>
    public const int FleetTargetResumed = 9004;
    /// <summary>A fleet run stopped because more targets failed than its budget allows.</summary>
    public const int FleetBudgetExceeded = 9005;

    // Hosting 10xxx (Cutover.PostDeploy: AddCutover(...).MigrateOnStartup())
    /// <summary>A host starts applying the pending pre-migrations before it starts its other services.</summary>
    public const int StartupMigrationStarting = 10001;
    /// <summary>A host applied the pending pre-migrations (possibly none) and goes on starting.</summary>
    public const int StartupMigrationFinished = 10002;
    /// <summary>The pre phase failed at start-up, so the host does not start.</summary>
    public const int StartupMigrationFailed = 10003;
    /// <summary>The host was stopped while the pre phase ran at start-up.</summary>
    public const int StartupMigrationCancelled = 10004;
}
