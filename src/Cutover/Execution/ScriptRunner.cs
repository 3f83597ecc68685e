using System.Diagnostics;
using Cutover.Journal;
using Cutover.Scripts;
using Cutover.Telemetry;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.Execution;

/// <summary>Applies one migration script on an open connection that holds the deploy lock.</summary>
internal sealed class ScriptRunner(
    JournalTable journal, MigratorOptions options, LockTimeoutRetry retry, TimeProvider time, ILogger logger)
{
    /// <summary>Applies <paramref name="script"/>; null when another run recorded it in the meantime.</summary>
    public async Task<AppliedScript?> ApplyAsync(
        NpgsqlConnection connection, MigrationScript script, string appliedBy, IProgress<ScriptProgress>? progress,
        CancellationToken cancellationToken)
    {
        var batch = new StatementBatch(script.Name.Name, script.Phase, script.Location, script.Body);
        var started = time.GetTimestamp();
        ExecutionLog.ScriptApplying(logger, script.Name.Name, script.Phase);
        var phase = Journal.JournalTable.FormatPhase(script.Phase);
        using var activity = CutoverInstruments.Source.StartActivity("cutover.script");
        activity?.SetTag(CutoverInstruments.ScriptName, script.Name.Name);
        activity?.SetTag(CutoverInstruments.ScriptPhase, phase);
        activity?.SetTag(CutoverInstruments.Database, connection.Database);
        var outcome = "failed";
        try
        {
            var applied = await ApplyWithRetriesAsync(connection, script, batch, appliedBy, progress, started, cancellationToken)
                .ConfigureAwait(false);
            outcome = applied is null ? "recorded_meanwhile" : "applied";
            if (applied is not null)
            {
                var tags = new TagList { { CutoverInstruments.Database, connection.Database }, { CutoverInstruments.ScriptPhase, phase } };
                CutoverInstruments.ScriptsApplied.Add(1, tags);
                CutoverInstruments.ScriptDuration.Record(applied.Duration.TotalSeconds, tags);
                activity?.SetTag("cutover.script.attempts", applied.Attempts);
            }

            return applied;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        finally
        {
            activity?.SetTag(CutoverInstruments.ScriptOutcome, outcome);
        }
    }

    private async Task<AppliedScript?> ApplyWithRetriesAsync(
        NpgsqlConnection connection, MigrationScript script, StatementBatch batch, string appliedBy,
        IProgress<ScriptProgress>? progress, long started, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            progress?.Report(new ScriptProgress(script, ScriptStage.Starting, time.GetElapsedTime(started), attempt));
            try
            {
                var ran = script.RunsInTransaction
                    ? await ApplyInTransactionAsync(connection, script, batch, appliedBy, cancellationToken).ConfigureAwait(false)
                    : await ApplyStatementByStatementAsync(connection, script, batch, appliedBy, cancellationToken)
                        .ConfigureAwait(false);
                if (!ran)
                {
                    ExecutionLog.ScriptRecordedMeanwhile(logger, script.Name.Name);
                    return null;
                }

                var elapsed = time.GetElapsedTime(started);
                ExecutionLog.ScriptApplied(logger, script.Name.Name, (long)elapsed.TotalMilliseconds);
                progress?.Report(new ScriptProgress(script, ScriptStage.Applied, elapsed, attempt));
                return new AppliedScript(script.Name.Name, script.Phase, elapsed, attempt);
            }
            catch (Exception e) when (
                e is ScriptExecutionException { SqlState: PostgresErrorCodes.LockNotAvailable } or
                    PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable } &&
                script.RunsInTransaction && attempt <= options.LockRetries)
            {
                // The whole transaction rolled back, so the script can simply run again once the blocker is gone.
                CutoverInstruments.LockTimeoutRetries.Add(1, new KeyValuePair<string, object?>(CutoverInstruments.Database, connection.Database));
                var delay = retry.DelayBefore(attempt);
                ExecutionLog.LockTimeoutRetry(logger, script.Name.Name, (long)options.LockTimeout.TotalMilliseconds,
                    attempt, options.LockRetries, (long)delay.TotalMilliseconds);
                progress?.Report(new ScriptProgress(script, ScriptStage.Retrying, time.GetElapsedTime(started), attempt));
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ScriptExecutionException or InvalidIndexException)
            {
                ExecutionLog.ScriptFailed(logger, script.Name.Name, e.Message);
                progress?.Report(new ScriptProgress(script, ScriptStage.Failed, time.GetElapsedTime(started), attempt));
                throw;
            }
        }
    }

    /// <returns>False when another run recorded the script first: nothing was applied.</returns>
    private async Task<bool> ApplyInTransactionAsync(
        NpgsqlConnection connection, MigrationScript script, StatementBatch statements, string appliedBy,
        CancellationToken cancellationToken)
    {
        // BEGIN and COMMIT travel in the batch itself, so a script costs one round trip. If a statement fails, the
        // server skips the rest of the batch, COMMIT included, and the transaction is rolled back below.
        var batch = new NpgsqlBatch(connection) { Timeout = options.ClientTimeoutSeconds };
        await using (batch.ConfigureAwait(false))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));

            // set_config(..., true) is SET LOCAL: the timeouts end with the transaction, whatever happens to it.
            batch.BatchCommands.Add(TimeoutsCommand(options, local: true));

            // The journal row goes first: its primary key is what makes a script run once. A run killed with its
            // batch already sent still commits it after its deploy lock is gone, so the next holder may find the
            // script neither recorded nor free: its insert waits for the other transaction, then fails (23505, it
            // committed: skip the script) or goes through (it rolled back: run the script).
            batch.BatchCommands.Add(
                journal.InsertCommand(script, JournalEntryKind.Applied, JournalState.Succeeded, null, appliedBy));
            foreach (var command in statements.Commands())
            {
                batch.BatchCommands.Add(command);
            }

            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
            {
                await RollBackAsync(connection).ConfigureAwait(false);
                if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } recorded &&
                    StatementBatch.FailedCommandIndex(batch, recorded) == HeaderCommands - 1)
                {
                    return false;
                }

                if (e is PostgresException error &&
                    StatementBatch.FailedCommandIndex(batch, error) - HeaderCommands is var index &&
                    index >= 0 && index < statements.Statements.Length)
                {
                    throw statements.Locate(index, error);
                }

                throw;
            }
        }
    }

    /// <summary>With a tenant schema first on search_path, an unqualified index name means that tenant's index only:
    /// another tenant's build of the same name, in progress at this moment, is INVALID and not this script's.</summary>
    private bool TenantSchema => options.DefaultSchema is not null;

    /// <summary>BEGIN, the timeouts and the journal row come before a script's statements in its batch.</summary>
    private const int HeaderCommands = 3;

    private async Task RollBackAsync(NpgsqlConnection connection)
    {
        if (connection.FullState == System.Data.ConnectionState.Open)
        {
            await ExecuteAsync(connection, new NpgsqlBatchCommand("ROLLBACK"), options.ClientTimeoutSeconds, CancellationToken.None)
                .ConfigureAwait(false);
        }
    }

    /// <returns>False when another run recorded the script first: nothing was run.</returns>
    private async Task<bool> ApplyStatementByStatementAsync(
        NpgsqlConnection connection, MigrationScript script, StatementBatch statements, string appliedBy,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();

        // The row goes in first and commits on its own: if this process dies half-way, the journal shows it. Its
        // primary key also keeps out a run whose deploy lock died while its last command was still in flight.
        try
        {
            await ExecuteAsync(connection,
                journal.InsertCommand(script, JournalEntryKind.Applied, JournalState.Running, null, appliedBy),
                options.ClientTimeoutSeconds, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }

        await ExecuteAsync(connection, TimeoutsCommand(options, local: false), options.ClientTimeoutSeconds, cancellationToken)
            .ConfigureAwait(false);

        try
        {
            for (var index = 0; index < statements.Statements.Length; index++)
            {
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    var line = statements.LineOf(index);
                    ExecutionLog.StatementExecuting(logger, script.Name.Name, index, line);
                }
                await ExecuteStatementWithRetryAsync(connection, statements, index, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Left 'running' on purpose: status shows the script as interrupted, as after a kill, and repair clears it.
            throw;
        }
        catch (ScriptExecutionException e)
        {
            if (connection.FullState == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, journal.FinishCommand(script.Name.Name, JournalState.Failed,
                    (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, e.Message),
                    options.ClientTimeoutSeconds, CancellationToken.None)
                    .ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            if (connection.FullState == System.Data.ConnectionState.Open)
            {
                foreach (var setting in new[] { "RESET lock_timeout", "RESET statement_timeout" })
                {
                    await ExecuteAsync(connection, new NpgsqlBatchCommand(setting), options.ClientTimeoutSeconds,
                        CancellationToken.None).ConfigureAwait(false);
                }
            }
        }

        // Statements that succeed can still leave an index unusable: IF NOT EXISTS skips the INVALID index an
        // interrupted build left. Success is recorded only when every index the script builds is valid.
        var invalid = await FindInvalidIndexesAsync(connection, script.Body, cancellationToken, TenantSchema).ConfigureAwait(false);
        if (!invalid.IsEmpty)
        {
            var failure = new InvalidIndexException(script.Location, invalid);
            await ExecuteAsync(connection, journal.FinishCommand(script.Name.Name, JournalState.Failed,
                (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, failure.Message),
                options.ClientTimeoutSeconds, CancellationToken.None)
                .ConfigureAwait(false);
            throw failure;
        }

        await ExecuteAsync(connection, journal.FinishCommand(script.Name.Name, JournalState.Succeeded,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, null),
            options.ClientTimeoutSeconds, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The INVALID indexes that the statements of <paramref name="sql"/> build or rebuild.</summary>
    internal static async Task<System.Collections.Immutable.ImmutableArray<InvalidIndex>> FindInvalidIndexesAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, bool visibleOnly = false)
    {
        var footprint = IndexFootprint.Of(sql);
        if (footprint.IsEmpty)
        {
            return [];
        }

        var all = await InvalidIndex.FindAllAsync(connection, cancellationToken).ConfigureAwait(false);
        return [.. all.Where(i => footprint.Covers(i, visibleOnly))];
    }

    /// <summary>Drops, each with <c>DROP INDEX CONCURRENTLY</c> (so outside a transaction), the INVALID indexes that
    /// the statements of <paramref name="sql"/> build or rebuild, and returns them.</summary>
    internal static async Task<System.Collections.Immutable.ImmutableArray<InvalidIndex>> DropInvalidIndexesAsync(
        NpgsqlConnection connection, string sql, int timeoutSeconds, CancellationToken cancellationToken,
        bool visibleOnly = false)
    {
        var invalid = await FindInvalidIndexesAsync(connection, sql, cancellationToken, visibleOnly).ConfigureAwait(false);
        foreach (var index in invalid)
        {
            await ExecuteAsync(connection, new NpgsqlBatchCommand("DROP INDEX CONCURRENTLY IF EXISTS " + index.QualifiedName),
                timeoutSeconds, cancellationToken).ConfigureAwait(false);
        }

        return invalid;
    }

    private async Task ExecuteStatementWithRetryAsync(
        NpgsqlConnection connection, StatementBatch statements, int index, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(connection, new NpgsqlBatchCommand(statements.TextOf(index)), options.ClientTimeoutSeconds,
                    cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable && attempt <= options.LockRetries)
            {
                // Outside a transaction each statement stands alone, so only the one that timed out runs again. A
                // concurrent index build can time out after it created its index (lock_timeout also bounds its waits
                // for older transactions): the INVALID index it left must go, or the retry would trip over it.
                await DropInvalidIndexesAsync(connection, statements.TextOf(index), options.ClientTimeoutSeconds,
                    cancellationToken, TenantSchema).ConfigureAwait(false);

                CutoverInstruments.LockTimeoutRetries.Add(1, new KeyValuePair<string, object?>(CutoverInstruments.Database, connection.Database));
                var delay = retry.DelayBefore(attempt);
                ExecutionLog.LockTimeoutRetry(logger, statements.ScriptName, (long)options.LockTimeout.TotalMilliseconds,
                    attempt, options.LockRetries, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e)
            {
                throw statements.Locate(index, e);
            }
        }
    }

    /// <summary>Sets <c>lock_timeout</c> and <c>statement_timeout</c> for the script's transaction
    /// (<paramref name="local"/>) or for the session.</summary>
    internal static NpgsqlBatchCommand TimeoutsCommand(MigratorOptions options, bool local) =>
        new(local
            ? "SELECT set_config('lock_timeout', $1, true), set_config('statement_timeout', $2, true)"
            : "SELECT set_config('lock_timeout', $1, false), set_config('statement_timeout', $2, false)")
        {
            Parameters =
            {
                new() { Value = DeployLock.Milliseconds(options.LockTimeout) },
                new() { Value = DeployLock.Milliseconds(options.StatementTimeout) },
            },
        };

    internal static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlBatchCommand command, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection) { BatchCommands = { command }, Timeout = timeoutSeconds };
        await using (batch.ConfigureAwait(false))
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
