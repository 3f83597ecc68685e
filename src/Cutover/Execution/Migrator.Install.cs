using System.Collections.Immutable;
using Cutover.Connections;
using Cutover.Journal;
using Cutover.Scripts;
using Npgsql;

namespace Cutover.Execution;

public sealed partial class Migrator
{
    /// <summary>Installs a fresh database from <c>schema.sql</c> in one transaction and records every migration as
    /// <c>schema</c>, so later upgrades start from here.</summary>
    /// <exception cref="MigrationRefusedException">The database already has a journal: nothing was changed.</exception>
    /// <exception cref="ScriptParseException">The migration set has no <c>schema.sql</c>.</exception>
    /// <exception cref="ScriptExecutionException">A statement of <c>schema.sql</c> failed: nothing was changed.</exception>
    /// <exception cref="JournalSchemaNotFoundException">Neither the database nor <c>schema.sql</c> has the journal's
    /// schema: nothing was changed.</exception>
    /// <exception cref="DeployLockTimeoutException">Another run held the deploy lock too long.</exception>
    /// <exception cref="DatabaseUnavailableException">The database cannot be reached.</exception>
    public async Task<InstallResult> InstallAsync(CancellationToken cancellationToken = default)
    {
        var schema = Scripts.Schema ?? throw new ScriptParseException([new ScriptProblem(Scripts.Description, null, null,
            "no schema.sql to install (pass --schema PATH, or put schema.sql beside the migrations folder)")]);
        var started = _time.GetTimestamp();
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var deployLock = await LockAsync(cancellationToken).ConfigureAwait(false);
            await using (deployLock.ConfigureAwait(false))
            {
                if (await _journal.ExistsAsync(connection, cancellationToken).ConfigureAwait(false))
                {
                    throw new MigrationRefusedException(
                        $"install refused: {_options.JournalTable} exists, so this database is already installed; " +
                        "use 'cutover upgrade'", []);
                }

                var statements = new StatementBatch("schema", null, schema.Location, schema.Body);
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var batch = new NpgsqlBatch(connection, transaction) { Timeout = _options.ClientTimeoutSeconds };
                    await using (batch.ConfigureAwait(false))
                    {
                        batch.BatchCommands.Add(ScriptRunner.TimeoutsCommand(_options, local: true));
                        foreach (var command in statements.Commands())
                        {
                            batch.BatchCommands.Add(command);
                        }

                        var prefix = batch.BatchCommands.Count;
                        foreach (var ddl in _journal.CreateSql.Split(";\n", StringSplitOptions.RemoveEmptyEntries))
                        {
                            batch.BatchCommands.Add(new NpgsqlBatchCommand(ddl));
                        }

                        var appliedBy = AppliedBy(connection);
                        foreach (var script in Scripts.Scripts)
                        {
                            batch.BatchCommands.Add(_journal.InsertCommand(
                                script, JournalEntryKind.Schema, JournalState.Succeeded, 0, appliedBy));
                        }

                        try
                        {
                            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        }
                        catch (PostgresException e) when (StatementBatch.FailedCommandIndex(batch, e) - 1 is var index &&
                                                          index >= 0 && index < prefix - 1)
                        {
                            throw statements.Locate(index, e);
                        }
                        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidSchemaName &&
                                                          StatementBatch.FailedCommandIndex(batch, e) == prefix)
                        {
                            // schema.sql may create the journal's schema, so only its journal DDL can tell.
                            throw new JournalSchemaNotFoundException(_options.JournalTable);
                        }
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                ExecutionLog.SchemaInstalled(_logger, schema.Location, Scripts.Scripts.Length);
                return new InstallResult(schema.Location, [.. Scripts.Scripts.Select(s => s.Name.Name)],
                    _time.GetElapsedTime(started));
            }
        }
    }

    /// <summary>Records every migration up to <paramref name="version"/> as <c>baseline</c> without running it, for
    /// a database that already has that structure (built before Cutover, or by hand).</summary>
    /// <exception cref="JournalSchemaNotFoundException">The journal's schema does not exist: nothing was
    /// recorded.</exception>
    /// <exception cref="DeployLockTimeoutException">Another run held the deploy lock too long.</exception>
    /// <exception cref="DatabaseUnavailableException">The database cannot be reached.</exception>
    public Task<BaselineResult> BaselineAsync(ScriptVersion version, CancellationToken cancellationToken = default) =>
        BaselineWhereAsync(version, s => s.Version <= version, cancellationToken);

    /// <summary>Records every migration of a version before <paramref name="version"/> as <c>baseline</c>, as Pum's
    /// <c>baseline --baseline</c> does: Pum runs deltas from the baseline's own version on, so a database installed
    /// at release 0.5.0 still takes the scripts written after it, named 0.5.0.</summary>
    /// <exception cref="JournalSchemaNotFoundException">The journal's schema does not exist: nothing was
    /// recorded.</exception>
    /// <exception cref="DeployLockTimeoutException">Another run held the deploy lock too long.</exception>
    /// <exception cref="DatabaseUnavailableException">The database cannot be reached.</exception>
    public Task<BaselineResult> BaselineBeforeAsync(ScriptVersion version, CancellationToken cancellationToken = default) =>
        BaselineWhereAsync(version, s => s.Version < version, cancellationToken);

    private async Task<BaselineResult> BaselineWhereAsync(
        ScriptVersion version, Func<MigrationScript, bool> covered, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var deployLock = await LockAsync(cancellationToken).ConfigureAwait(false);
            await using (deployLock.ConfigureAwait(false))
            {
                await EnsureJournalAsync(connection, cancellationToken).ConfigureAwait(false);
                var recorded = (await _journal.ReadAsync(connection, cancellationToken).ConfigureAwait(false))
                    .Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
                var toRecord = Scripts.Scripts.Where(s => covered(s) && !recorded.Contains(s.Name.Name)).ToList();
                if (toRecord.Count > 0)
                {
                    var appliedBy = AppliedBy(connection);
                    var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                    await using (transaction.ConfigureAwait(false))
                    {
                        var batch = new NpgsqlBatch(connection, transaction);
                        await using (batch.ConfigureAwait(false))
                        {
                            foreach (var script in toRecord)
                            {
                                batch.BatchCommands.Add(_journal.InsertCommand(
                                    script, JournalEntryKind.Baseline, JournalState.Succeeded, 0, appliedBy));
                            }

                            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        }

                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                return new BaselineResult(version.Text, [.. toRecord.Select(s => s.Name.Name)]);
            }
        }
    }
}
