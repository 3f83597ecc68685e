using Cutover.Journal;

namespace Cutover.Execution;

/// <summary>How a <see cref="Migrator"/> behaves; validated when the migrator is built.</summary>
public sealed record MigratorOptions
{
    /// <summary>The journal table; <c>public.cutover_migrations</c> by default.</summary>
    public JournalTableName JournalTable { get; init; } = JournalTableName.Default;

    /// <summary>Whether a missing schema of <see cref="JournalTable"/> is created with the table; false by default,
    /// so that a mistyped schema raises <see cref="JournalSchemaNotFoundException"/> instead of starting a second,
    /// empty journal. Cutover turns it on in the scratch databases it builds itself (checks, snapshots), where no
    /// one could have created the schema beforehand.</summary>
    public bool CreateMissingJournalSchema { get; init; }

    /// <summary>How long one DDL statement may wait for a lock before giving up (PostgreSQL's
    /// <c>lock_timeout</c>); 2 s by default. Application queries that queue behind a waiting migration wait at
    /// most this long.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many times a script that hit the lock timeout is retried; 5 by default.</summary>
    public int LockRetries { get; init; } = 5;

    /// <summary>The first backoff before a retry; it doubles with each retry, up to <see cref="MaxRetryDelay"/>,
    /// with jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest backoff between retries.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one statement of a script may run before the server cancels it (PostgreSQL's
    /// <c>statement_timeout</c>, SQLSTATE 57014); 1 hour by default, <see cref="TimeSpan.Zero"/> for no limit.</summary>
    /// <remarks>A runaway migration holds its locks for as long as it runs; an hour is longer than any sane
    /// transactional script and than most index builds. Raise it for index builds on very large tables.</remarks>
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The schema unqualified names in scripts resolve to: every connection the migrator opens puts it first
    /// on <c>search_path</c>, followed by <c>public</c>; null (the default) leaves the server's
    /// <c>search_path</c>.</summary>
    /// <remarks>For a database with a schema per tenant (<c>cutover fleet</c> schema targets): each tenant's scripts
    /// create their tables in its schema, and its journal is usually <c>&lt;schema&gt;.cutover_migrations</c>. Set per
    /// connection, not in the connection string, so that the tenants of one database share one pool (Npgsql resets
    /// the session, <c>search_path</c> included, when a connection goes back to its pool).</remarks>
    public string? DefaultSchema { get; init; }

    /// <summary>How long a run waits for another run's deploy lock; 10 minutes by default.</summary>
    public TimeSpan DeployLockWait { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Npgsql's client-side command timeout for script statements, in seconds: a minute past the server's
    /// <see cref="StatementTimeout"/>, so that the server, which can roll back cleanly, always gives up first (Npgsql's
    /// own default of 30 s would end any longer script from the client side); 0 (none) when there is no limit.</summary>
    internal int ClientTimeoutSeconds => StatementTimeout == TimeSpan.Zero
        ? 0
        : (int)Math.Min(int.MaxValue, Math.Ceiling(StatementTimeout.TotalSeconds) + 60);

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(JournalTable);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LockTimeout, TimeSpan.Zero, nameof(LockTimeout));
        ArgumentOutOfRangeException.ThrowIfNegative(LockRetries, nameof(LockRetries));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, RetryDelay, nameof(MaxRetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(DeployLockWait, TimeSpan.Zero, nameof(DeployLockWait));
        ArgumentOutOfRangeException.ThrowIfLessThan(StatementTimeout, TimeSpan.Zero, nameof(StatementTimeout));
    }
}
