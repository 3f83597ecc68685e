namespace Cutover.PostDeploy;

/// <summary>How to backfill a table: which table and key, what to do per batch, and how gently.</summary>
/// <remarks>Give exactly one of <see cref="BatchSql"/> and <see cref="ProcessBatch"/>. Keys are integers (smallint,
/// integer, bigint); each batch covers the next <see cref="BatchSize"/> keys after the cursor.</remarks>
public sealed record BackfillOptions
{
    /// <summary>The table's schema; null finds the table through <c>search_path</c> (the tenant's schema first).</summary>
    public string? Schema { get; init; }

    /// <summary>The table to walk.</summary>
    public required string Table { get; init; }

    /// <summary>The integer key to walk in order; it should be indexed (usually the primary key). <c>id</c> by default.</summary>
    public string KeyColumn { get; init; } = "id";

    /// <summary>Keys per batch (and per transaction); 1,000 by default.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>The statement run for each batch, with <c>@lower</c> (exclusive) and <c>@upper</c> (inclusive) bigint
    /// key bounds, e.g. <c>UPDATE orders SET total = price * quantity WHERE id &gt; @lower AND id &lt;= @upper</c>.</summary>
    public string? BatchSql { get; init; }

    /// <summary>C# work for each batch (re-encoding, calling out), run inside the batch's transaction.</summary>
    public Func<BackfillBatch, CancellationToken, Task>? ProcessBatch { get; init; }

    /// <summary>A pause after every committed batch, to leave room for the application; none by default.</summary>
    public TimeSpan PauseBetweenBatches { get; init; } = TimeSpan.Zero;

    /// <summary><c>lock_timeout</c> for each batch, so that a batch never queues behind a long transaction (and
    /// the application behind it); a batch that times out is rolled back and retried. Two seconds by default.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many times one batch is retried after a lock timeout or deadlock before the backfill fails; 10
    /// by default.</summary>
    public int MaxBatchRetries { get; init; } = 10;

    /// <summary>Back off while another session of this database has been waiting for a lock longer than this; off
    /// when null.</summary>
    public TimeSpan? MaxLockWait { get; init; }

    /// <summary>Back off while a standby's replication lag (write, flush or replay) exceeds this; off when null.</summary>
    public TimeSpan? MaxReplicationLag { get; init; }

    /// <summary>How long to back off before looking again, and before retrying a timed-out batch; one second by default.</summary>
    public TimeSpan BackoffDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Count the rows to go on the first attempt, for progress and an ETA; true by default.</summary>
    public bool CountTotal { get; init; } = true;

    internal void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Table))
        {
            problems.Add("Table must be given");
        }

        if (string.IsNullOrWhiteSpace(KeyColumn))
        {
            problems.Add("KeyColumn must be given");
        }

        if (BatchSize <= 0)
        {
            problems.Add("BatchSize must be positive");
        }

        if ((BatchSql is null) == (ProcessBatch is null))
        {
            problems.Add("give exactly one of BatchSql and ProcessBatch");
        }

        if (PauseBetweenBatches < TimeSpan.Zero || LockTimeout < TimeSpan.Zero || BackoffDelay < TimeSpan.Zero)
        {
            problems.Add("durations must not be negative");
        }

        if (MaxBatchRetries < 0)
        {
            problems.Add("MaxBatchRetries must not be negative");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("BackfillOptions: " + string.Join("; ", problems));
        }
    }
}
