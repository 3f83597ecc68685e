using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.Execution;

/// <summary>A session-level advisory lock that makes concurrent runs against one database take turns. Its key is
/// derived from the journal table's name, so two journals in one database do not block each other.</summary>
/// <remarks>Session-level advisory locks need a session: behind a transaction-pooling PgBouncer, connect directly.
/// The lock dies with its connection, so a killed run never leaves it behind.</remarks>
internal sealed class DeployLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly string _key;

    private DeployLock(NpgsqlConnection connection, string key)
    {
        _connection = connection;
        _key = key;
    }

    /// <summary>Takes the lock, waiting at most <paramref name="wait"/> for another holder.</summary>
    /// <exception cref="DeployLockTimeoutException">Another run held it for longer.</exception>
    public static async Task<DeployLock> AcquireAsync(
        NpgsqlConnection connection, string key, TimeSpan wait, ILogger logger, CancellationToken cancellationToken)
    {
        if (await TryAcquireAsync(connection, key, cancellationToken).ConfigureAwait(false) is { } taken)
        {
            ExecutionLog.DeployLockAcquired(logger, key);
            return taken;
        }

        ExecutionLog.DeployLockWaiting(logger, key, (long)wait.TotalMilliseconds);

        // lock_timeout bounds advisory-lock waits too, so the server does the waiting: no polling loop.
        var command = new NpgsqlCommand(
            "SELECT set_config('lock_timeout', $2, false), pg_advisory_lock(hashtextextended($1, 0))", connection)
        {
            Parameters = { new() { Value = key }, new() { Value = Milliseconds(wait) } },
        };
        await using (command.ConfigureAwait(false))
        {
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                throw new DeployLockTimeoutException(wait, e);
            }
            finally
            {
                await ResetLockTimeoutAsync(connection).ConfigureAwait(false);
            }
        }

        ExecutionLog.DeployLockAcquired(logger, key);
        return new DeployLock(connection, key);
    }

    /// <summary>Takes the lock if it is free; never waits.</summary>
    public static async Task<DeployLock?> TryAcquireAsync(
        NpgsqlConnection connection, string key, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", connection)
        {
            Parameters = { new() { Value = key } },
        };
        await using (command.ConfigureAwait(false))
        {
            var taken = (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            return taken ? new DeployLock(connection, key) : null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.FullState != System.Data.ConnectionState.Open)
        {
            return; // The lock went with the connection.
        }

        var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended($1, 0))", _connection)
        {
            Parameters = { new() { Value = _key } },
        };
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    internal static string Milliseconds(TimeSpan value) =>
        ((long)Math.Ceiling(value.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "ms";

    private static async Task ResetLockTimeoutAsync(NpgsqlConnection connection)
    {
        if (connection.FullState != System.Data.ConnectionState.Open)
        {
            return;
        }

        var reset = new NpgsqlCommand("RESET lock_timeout", connection);
        await using (reset.ConfigureAwait(false))
        {
            await reset.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
