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
    /// <summary>A database's catalog is about to be read (host, port and database only).</summary>
    public const int SchemaInspecting = 5001;
    /// <summary>A database's catalog was read into a schema model; the object counts and time taken.</summary>
    public const int SchemaInspected = 5002;
    /// <summary>The text of one catalog query (trace level).</summary>
    public const int CatalogQuery = 5003;
    /// <summary>Two schema models were compared; the counts of differences and notes.</summary>
    public const int SchemasCompared = 5004;

    // Safety 6xxx (lint)

    // PostDeploy 7xxx

    // Snapshots 8xxx
}
