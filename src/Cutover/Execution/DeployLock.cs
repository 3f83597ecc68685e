using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.Execution;

/// <summary>Makes concurrent runs against one database take turns. Its key is derived from the journal table's name,
/// so two journals in one database do not block each other.</summary>
/// <remarks>
/// <para>The lock is a transaction-level advisory lock, held in a transaction that stays open on a connection of its
/// own until the run ends. Each part of that shape answers a way the lock could fail:</para>
/// <list type="bullet">
/// <item>Scripts run on another connection, so a script can run outside a transaction
/// (<c>CREATE INDEX CONCURRENTLY</c>) while the lock stays held.</item>
/// <item>An open transaction pins its server connection behind a transaction-pooling PgBouncer, so the lock means
/// there what it means on a direct connection; a session-level lock would stay with a pooled server connection that
/// the next client inherits.</item>
/// <item>Between statements a READ COMMITTED transaction that wrote nothing holds no snapshot and no transaction id,
/// so the concurrent index builds, reindexes and partition detaches of the holder's own scripts do not wait for it.</item>
/// <item>Waiters never block inside the server. A waiter blocked in <c>pg_advisory_lock</c> holds a snapshot; a
/// <c>CREATE INDEX CONCURRENTLY</c> of the holder waits for every older snapshot, and the server kills one of the two
/// as a deadlock. Waiters instead try the lock in short transactions and sleep between tries, holding nothing.</item>
/// </list>
/// <para>The lock dies with its connection, so a killed run never leaves it behind.</para>
/// </remarks>
internal sealed class DeployLock : IAsyncDisposable
{
    private static readonly TimeSpan s_firstPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan s_longestPoll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_waitingReminder = TimeSpan.FromSeconds(30);

    private readonly NpgsqlConnection _connection;

    private DeployLock(NpgsqlConnection connection, string key)
    {
        _connection = connection;
        Key = key;
    }

    /// <summary>The lock's key, e.g. <c>cutover:public.cutover_migrations</c>.</summary>
    public string Key { get; }

    /// <summary>False once the connection that holds the lock has broken: the lock went with it.</summary>
    public bool IsHeld => _connection.FullState == System.Data.ConnectionState.Open;

    /// <summary>Takes the lock on a connection of its own from <paramref name="open"/>, waiting at most
    /// <paramref name="wait"/> for another holder; while it waits it logs who holds the lock.</summary>
    /// <exception cref="DeployLockTimeoutException">Another run held it for longer.</exception>
    public static async Task<DeployLock> AcquireAsync(
        Func<CancellationToken, Task<NpgsqlConnection>> open, string key, TimeSpan wait, TimeProvider time,
        ILogger logger, CancellationToken cancellationToken)
    {
        var connection = await open(cancellationToken).ConfigureAwait(false);
        try
        {
            var started = time.GetTimestamp();
            var delay = s_firstPoll;
            DeployLockHolder? lastHolder = null;
            var lastReport = started;
            var random = new Random();
            while (true)
            {
                if (await TryTakeAsync(connection, key, cancellationToken).ConfigureAwait(false))
                {
                    var waitedMs = (long)time.GetElapsedTime(started).TotalMilliseconds;
                    ExecutionLog.DeployLockAcquired(logger, key, waitedMs);
                    return new DeployLock(connection, key);
                }

                var waited = time.GetElapsedTime(started);
                if (waited >= wait)
                {
                    var holder = await FindHolderAsync(connection, key, cancellationToken).ConfigureAwait(false);
                    throw new DeployLockTimeoutException(wait, holder, null);
                }

                // Name the holder when the wait starts, when the holder changes, and now and then while it lasts.
                if (lastHolder is null || time.GetElapsedTime(lastReport) >= s_waitingReminder)
                {
                    var holder = await FindHolderAsync(connection, key, cancellationToken).ConfigureAwait(false);
                    if (holder is not null && (lastHolder is null || holder.BackendPid != lastHolder.BackendPid ||
                                               time.GetElapsedTime(lastReport) >= s_waitingReminder))
                    {
                        var described = holder.Describe();
                        var since = holder.Since?.ToString("u", CultureInfo.InvariantCulture) ?? "?";
                        var waitedMs = (long)waited.TotalMilliseconds;
                        var waitMs = (long)wait.TotalMilliseconds;
                        ExecutionLog.DeployLockWaiting(logger, key, described, since, waitedMs, waitMs);
                        lastHolder = holder;
                        lastReport = time.GetTimestamp();
                    }
                }

                // Jitter keeps many waiters from polling in step; the cap keeps the hand-over quick.
                var sleep = delay * (0.75 + random.NextDouble() / 2);
                var left = wait - waited;
                await Task.Delay(sleep < left ? sleep : left, time, cancellationToken).ConfigureAwait(false);
                delay = delay * 2 < s_longestPoll ? delay * 2 : s_longestPoll;
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Who holds the lock now, or null when nobody does. Reads <c>pg_locks</c> and
    /// <c>pg_stat_activity</c>; takes nothing.</summary>
    public static async Task<DeployLockHolder?> FindHolderAsync(
        NpgsqlConnection connection, string key, CancellationToken cancellationToken)
    {
        // A bigint advisory key shows in pg_locks as its high half in classid, its low half in objid, objsubid 1.
        var command = new NpgsqlCommand(
            """
            WITH k AS (SELECT hashtextextended($1, 0) AS v)
            SELECT a.pid, a.application_name, host(a.client_addr), a.xact_start
            FROM pg_locks l
            JOIN k ON l.classid::bigint = (k.v >> 32) & 4294967295 AND l.objid::bigint = k.v & 4294967295
            LEFT JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.granted
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            LIMIT 1
            """, connection)
        {
            Parameters = { new() { Value = key } },
        };
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.IsDBNull(0))
                {
                    return null;
                }

                return new DeployLockHolder(
                    reader.GetInt32(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3));
            }
        }
    }

    /// <summary>Commits the lock's transaction, which releases the lock, and closes its connection.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (IsHeld)
            {
                var commit = new NpgsqlCommand("COMMIT", _connection);
                await using (commit.ConfigureAwait(false))
                {
                    await commit.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (NpgsqlException)
        {
            // The connection broke on the way out; the lock went with it.
        }
        finally
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal static string Milliseconds(TimeSpan value) =>
        ((long)Math.Ceiling(value.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + "ms";

    /// <summary>One try in a fresh transaction: kept open when the lock was taken, rolled back otherwise.</summary>
    private static async Task<bool> TryTakeAsync(NpgsqlConnection connection, string key, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                // READ COMMITTED whatever default_transaction_isolation says: a REPEATABLE READ transaction keeps its
                // snapshot to the end, and the holder's own concurrent index builds would wait for it forever.
                new NpgsqlBatchCommand("BEGIN ISOLATION LEVEL READ COMMITTED"),

                // First, so that it gives the batch's scalar.
                new NpgsqlBatchCommand("SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))")
                {
                    Parameters = { new() { Value = key } },
                },

                // pg_stat_activity then tells a waiting DBA (and the waiting runs) which machine and process hold it.
                new NpgsqlBatchCommand("SELECT set_config('application_name', $1, true)")
                {
                    Parameters = { new() { Value = HolderTag(connection) } },
                },

                // The transaction is meant to stay idle for the whole run: a server-wide idle timeout must not end it.
                // A utility statement goes last on purpose: a finished SELECT keeps its portal, and with it a
                // snapshot, until the next statement replaces it, and a snapshot is what concurrent index builds
                // wait for. SET takes none.
                new NpgsqlBatchCommand("SET LOCAL idle_in_transaction_session_timeout = 0"),
            },
        };
        await using (batch.ConfigureAwait(false))
        {
            bool taken;
            try
            {
                taken = (bool)(await batch.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }
            catch
            {
                await RollBackAsync(connection).ConfigureAwait(false);
                throw;
            }

            if (!taken)
            {
                await RollBackAsync(connection).ConfigureAwait(false);
            }

            return taken;
        }
    }

    private static async Task RollBackAsync(NpgsqlConnection connection)
    {
        if (connection.FullState != System.Data.ConnectionState.Open)
        {
            return;
        }

        var rollback = new NpgsqlCommand("ROLLBACK", connection);
        await using (rollback.ConfigureAwait(false))
        {
            await rollback.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string HolderTag(NpgsqlConnection connection)
    {
        var tag = $"{new NpgsqlConnectionStringBuilder(connection.ConnectionString).ApplicationName ?? "cutover"} [{Environment.MachineName} pid {Environment.ProcessId}]";

        // application_name keeps at most 63 bytes; keep the host and pid, which say the most.
        return tag.Length <= 63 ? tag : tag[^63..];
    }
}
