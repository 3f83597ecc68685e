using System.Collections.Immutable;

namespace Cutover.PostDeploy;

/// <summary>How to backfill a table: which table and key, what to do per batch, and how gently.</summary>
/// <remarks>Give exactly one of <see cref="BatchSql"/> and <see cref="ProcessBatch"/>. The key is one column
/// (<see cref="KeyColumn"/>) or several (<see cref="KeyColumns"/>) of any orderable type (integers, uuid, text,
/// timestamptz, ...); each batch covers the next <see cref="BatchSize"/> keys after the cursor, in the key's order.
/// Key columns must hold no NULLs: the backfill refuses to start while one does.</remarks>
public sealed record BackfillOptions
{
    private readonly string? _keyColumn;

    /// <summary>The table's schema; null finds the table through <c>search_path</c> (the tenant's schema first).</summary>
    public string? Schema { get; init; }

    /// <summary>The table to walk.</summary>
    public required string Table { get; init; }

    /// <summary>The key column to walk in order, of any orderable type; it should be indexed (usually the primary
    /// key). <c>id</c> by default; not together with <see cref="KeyColumns"/>.</summary>
    public string KeyColumn
    {
        get => _keyColumn ?? "id";
        init => _keyColumn = value;
    }

    /// <summary>The columns of a composite key, in index order, e.g. <c>["tenant_id", "id"]</c> or
    /// <c>["created_at", "id"]</c>; unique together, ideally with an index on exactly these columns. Instead of
    /// <see cref="KeyColumn"/>.</summary>
    public ImmutableArray<string> KeyColumns { get; init; }

    /// <summary>The key's columns, whichever way they were given.</summary>
    internal ImmutableArray<string> EffectiveKeyColumns => KeyColumns.IsDefault ? [KeyColumn] : KeyColumns;

    /// <summary>Keys per batch (and per transaction); 1,000 by default.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>The statement run for each batch, given the batch's inclusive key bounds: <c>@first</c> and
    /// <c>@last</c> for a single key column, <c>@first1</c>…<c>@firstN</c> and <c>@last1</c>…<c>@lastN</c> for each
    /// column of a composite key, e.g. <c>UPDATE orders SET total = price * quantity WHERE id BETWEEN @first AND
    /// @last</c> or <c>... WHERE (tenant_id, id) BETWEEN (@first1, @first2) AND (@last1, @last2)</c>. A single
    /// integer key also gets <c>@lower</c> (exclusive) and <c>@upper</c> (inclusive) bigint bounds, as before.</summary>
    /// <remarks>Bounds of non-integer keys are text of unknown type: PostgreSQL reads them as the type of the column
    /// they are compared with (see <see cref="BackfillBatch.AddKeyParameters"/>).</remarks>
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

        if (!KeyColumns.IsDefault)
        {
            if (_keyColumn is not null)
            {
                problems.Add("give KeyColumn or KeyColumns, not both");
            }

            if (KeyColumns.IsEmpty)
            {
                problems.Add("KeyColumns must name at least one column");
            }

            if (KeyColumns.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add("KeyColumns must not hold empty names");
            }

            foreach (var repeated in KeyColumns.Where(c => !string.IsNullOrWhiteSpace(c))
                .GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                problems.Add($"KeyColumns names \"{repeated.Key}\" more than once");
            }
        }
        else if (string.IsNullOrWhiteSpace(KeyColumn))
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

    /// <summary>Whether both options describe the same backfill; <see cref="KeyColumns"/> compare by their names.</summary>
    public bool Equals(BackfillOptions? other) =>
        other is not null && (ReferenceEquals(this, other) || (
            Schema == other.Schema && Table == other.Table && _keyColumn == other._keyColumn &&
            KeyColumns.IsDefault == other.KeyColumns.IsDefault &&
            (KeyColumns.IsDefault || KeyColumns.AsSpan().SequenceEqual(other.KeyColumns.AsSpan())) &&
            BatchSize == other.BatchSize && BatchSql == other.BatchSql && ProcessBatch == other.ProcessBatch &&
            PauseBetweenBatches == other.PauseBetweenBatches && LockTimeout == other.LockTimeout &&
            MaxBatchRetries == other.MaxBatchRetries && MaxLockWait == other.MaxLockWait &&
            MaxReplicationLag == other.MaxReplicationLag && BackoffDelay == other.BackoffDelay &&
            CountTotal == other.CountTotal));

    /// <summary>A hash consistent with <see cref="Equals(BackfillOptions?)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Schema);
        hash.Add(Table);
        hash.Add(_keyColumn);
        foreach (var column in KeyColumns.IsDefault ? [] : KeyColumns)
        {
            hash.Add(column);
        }

        hash.Add(BatchSize);
        hash.Add(BatchSql);
        hash.Add(ProcessBatch);
        hash.Add(PauseBetweenBatches);
        hash.Add(LockTimeout);
        hash.Add(MaxBatchRetries);
        hash.Add(MaxLockWait);
        hash.Add(MaxReplicationLag);
        hash.Add(BackoffDelay);
        hash.Add(CountTotal);
        return hash.ToHashCode();
    }
}
