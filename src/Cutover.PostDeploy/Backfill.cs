using System.Globalization;
using Cutover.Connections;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.PostDeploy;

/// <summary>Walks a table by key range in batches, one transaction per batch, with the cursor saved in that same
/// transaction so that a crash at any point neither repeats nor skips a batch.</summary>
/// <remarks>The key's columns, their order and the cursor's form are <see cref="BackfillKeyset"/>'s.</remarks>
internal sealed class Backfill
{
    private readonly PostDeployContext _context;
    private readonly BackfillOptions _options;
    private readonly PostDeployRun _run;

    public Backfill(PostDeployContext context, BackfillOptions options)
    {
        _context = context;
        _options = options;
        _run = context.Run;
    }

    public async Task<BackfillResult> RunAsync(CancellationToken cancellationToken)
    {
        var time = _run.TimeProvider;
        var started = time.GetTimestamp();
        var resumed = _run.Claim.Cursor is not null;
        var rowsDone = _run.Claim.RowsDone;
        var rowsTotal = _run.Claim.RowsTotal;
        long batches = 0, affected = 0;
        var retries = 0;

        var connection = await _context.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Through the batch's own connection, so that the tenant's search_path finds the table as batches will.
            var keyset = await BackfillKeyset.ResolveAsync(connection, _options, cancellationToken).ConfigureAwait(false);
            var cursor = keyset.ParseCursor(_run.Claim.Cursor);
            if (rowsTotal is null && _options.CountTotal)
            {
                var remaining = await CountRemainingAsync(connection, keyset, cursor, cancellationToken).ConfigureAwait(false);
                rowsTotal = rowsDone + remaining;
                await SaveOutsideAsync(connection, null, rowsDone, rowsTotal, cancellationToken).ConfigureAwait(false);
            }

            _run.Report(rowsDone, rowsTotal);
            while (true)
            {
                _run.ThrowIfStopRequested();
                await ThrottleAsync(connection, cancellationToken).ConfigureAwait(false);
                var batch = await RunBatchWithRetriesAsync(connection, keyset, cursor, rowsDone, rowsTotal, cancellationToken)
                    .ConfigureAwait(false);
                retries += batch.Retries;
                if (batch.Rows == 0)
                {
                    break;
                }

                cursor = batch.Last;
                rowsDone += batch.Rows;
                PostDeployInstruments.BackfillRows.Add(batch.Rows,
                    new KeyValuePair<string, object?>(PostDeployInstruments.Database, connection.Database));
                if (rowsTotal < rowsDone)
                {
                    // Rows inserted behind the cursor since counting: the total was an estimate.
                    rowsTotal = rowsDone;
                }

                batches++;
                affected += batch.Affected;
                _run.Report(rowsDone, rowsTotal);
                if (keyset.IsInteger)
                {
                    PostDeployLog.BackfillBatchCommitted(
                        _context.Logger, _run.Claim.Item.ToString(), BackfillKeyset.IntegerOf(batch.Last), rowsDone, batch.Rows);
                }
                else
                {
                    BackfillLog.BatchCommitted(
                        _context.Logger, _run.Claim.Item.ToString(), keyset.FormatCursor(batch.Last!), rowsDone, batch.Rows);
                }

                if (_options.PauseBetweenBatches > TimeSpan.Zero)
                {
                    await Task.Delay(_options.PauseBetweenBatches, time, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return new BackfillResult(rowsDone, batches, affected, retries, time.GetElapsedTime(started), resumed);
    }

    private async Task<(int Rows, BackfillKey? Last, long Affected, int Retries)> RunBatchWithRetriesAsync(
        NpgsqlConnection connection, BackfillKeyset keyset, BackfillKey? cursor, long rowsDone, long? rowsTotal,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var (rows, last, affected) = await RunBatchAsync(
                    connection, keyset, cursor, rowsDone, rowsTotal, cancellationToken).ConfigureAwait(false);
                return (rows, last, affected, attempt);
            }
            catch (PostgresException e) when (attempt < _options.MaxBatchRetries &&
                e.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected)
            {
                // The batch rolled back whole, cursor included, so retrying it cannot process a row twice.
                if (keyset.IsInteger)
                {
                    PostDeployLog.BackfillBatchRetry(
                        _context.Logger, _run.Claim.Item.ToString(), BackfillKeyset.IntegerOf(cursor), e.SqlState, attempt + 1);
                }
                else
                {
                    BackfillLog.BatchRetry(_context.Logger, _run.Claim.Item.ToString(),
                        cursor is null ? "(start)" : keyset.FormatCursor(cursor), e.SqlState, attempt + 1);
                }

                if (_options.BackoffDelay > TimeSpan.Zero)
                {
                    await Task.Delay(_options.BackoffDelay, _run.TimeProvider, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task<(int Rows, BackfillKey? Last, long Affected)> RunBatchAsync(
        NpgsqlConnection connection, BackfillKeyset keyset, BackfillKey? cursor, long rowsDone, long? rowsTotal,
        CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var setup = new NpgsqlCommand("SELECT set_config('lock_timeout', @timeout, true)", connection, transaction);
            await using (setup.ConfigureAwait(false))
            {
                setup.Parameters.AddWithValue("timeout",
                    ((long)_options.LockTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms");
                await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            int rows;
            BackfillKey? first = null, last = null;
            var bounds = keyset.CreateNextBatchCommand(connection, transaction, cursor, _options.BatchSize);
            await using (bounds.ConfigureAwait(false))
            {
                var reader = await bounds.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    rows = reader.GetInt32(0);
                    if (rows > 0)
                    {
                        first = keyset.ReadKey(reader.GetString(1));
                        last = keyset.ReadKey(reader.GetString(2));
                    }
                }
            }

            if (rows == 0)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (0, cursor, 0);
            }

            var batch = keyset.IsInteger
                ? new BackfillBatch(connection, transaction, BackfillKeyset.IntegerOf(cursor), BackfillKeyset.IntegerOf(last), rows)
                : new BackfillBatch(connection, transaction, 0, 0, rows);
            batch = batch with { First = first!, Last = last!, IntegerKey = keyset.IsInteger };
            long affected = 0;
            if (_options.BatchSql is { } sql)
            {
                var work = new NpgsqlCommand(sql, connection, transaction);
                await using (work.ConfigureAwait(false))
                {
                    batch.AddKeyParameters(work);
                    affected = await work.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await _options.ProcessBatch!(batch, cancellationToken).ConfigureAwait(false);
            }

            var newCursor = keyset.FormatCursor(last!);
            if (_context.SharesJournalDatabase)
            {
                // Same transaction as the batch: both commit or neither does. Fenced by the claim token, so a node
                // whose claim was taken over rolls its batch back here instead of repeating the new owner's work.
                await _run.SaveAsync(connection, transaction, newCursor, rowsDone + rows, rowsTotal, cancellationToken)
                    .ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                await SaveOutsideAsync(null, newCursor, rowsDone + rows, rowsTotal, cancellationToken).ConfigureAwait(false);
            }

            return (rows, last, affected);
        }
    }

    private async Task SaveOutsideAsync(
        NpgsqlConnection? sameDatabase, string? cursor, long rowsDone, long? rowsTotal, CancellationToken cancellationToken)
    {
        if (sameDatabase is not null && _context.SharesJournalDatabase)
        {
            await _run.SaveAsync(sameDatabase, null, cursor, rowsDone, rowsTotal, cancellationToken).ConfigureAwait(false);
            return;
        }

        var connection = await DatabaseConnection.OpenAsync(_context.JournalDataSource, cancellationToken)
            .ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await _run.SaveAsync(connection, null, cursor, rowsDone, rowsTotal, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<long> CountRemainingAsync(
        NpgsqlConnection connection, BackfillKeyset keyset, BackfillKey? cursor, CancellationToken cancellationToken)
    {
        var command = keyset.CreateCountCommand(connection, cursor);
        await using (command.ConfigureAwait(false))
        {
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    private async Task ThrottleAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_options.MaxLockWait is null && _options.MaxReplicationLag is null)
        {
            return;
        }

        while (true)
        {
            var command = new NpgsqlCommand("""
                SELECT
                    (SELECT coalesce(extract(epoch FROM max(clock_timestamp() - state_change)), 0)::float8
                     FROM pg_stat_activity
                     WHERE wait_event_type = 'Lock' AND datname = current_database() AND pid <> pg_backend_pid()),
                    (SELECT coalesce(extract(epoch FROM max(greatest(write_lag, flush_lag, replay_lag))), 0)::float8
                     FROM pg_stat_replication)
                """, connection);
            double lockWait, lag;
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    lockWait = reader.GetDouble(0);
                    lag = reader.GetDouble(1);
                }
            }

            var lockWaitTooLong = _options.MaxLockWait is { } maxWait && lockWait > maxWait.TotalSeconds;
            var lagTooLong = _options.MaxReplicationLag is { } maxLag && lag > maxLag.TotalSeconds;
            if (!lockWaitTooLong && !lagTooLong)
            {
                return;
            }

            PostDeployLog.BackfillThrottled(
                _context.Logger, _run.Claim.Item.ToString(), lockWait * 1000, lag * 1000);
            await Task.Delay(_options.BackoffDelay, _run.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }
}
