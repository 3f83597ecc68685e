using Cutover.Connections;
using Cutover.Planning;
using Npgsql;

namespace Cutover.Execution;

public sealed partial class Migrator
{
    /// <summary>Clears failed or interrupted no-transaction entries once the operator has fixed the database, and, when
    /// asked, accepts changed checksums. The INVALID indexes that a cleared script builds (what an interrupted
    /// <c>CREATE INDEX CONCURRENTLY</c> leaves) are dropped, so that the next upgrade builds them again.</summary>
    /// <exception cref="DeployLockTimeoutException">Another run held the deploy lock too long.</exception>
    /// <exception cref="DatabaseUnavailableException">The database cannot be reached.</exception>
    public async Task<RepairResult> RepairAsync(RepairOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Under the lock, a 'running' row cannot belong to a live run: it was interrupted.
            var deployLock = await LockAsync(cancellationToken).ConfigureAwait(false);
            await using (deployLock.ConfigureAwait(false))
            {
                var rows = await _journal.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
                var drift = Planner.FindDrift(Scripts, rows);
                var cleared = options.ClearFailed
                    ? drift.Where(f => f.Kind is DriftKind.Failed or DriftKind.Interrupted).Select(f => f.Name).ToList()
                    : [];
                var accepted = options.AcceptChecksums
                    ? drift.Where(f => f.Kind == DriftKind.ChecksumChanged).Select(f => f.Name).ToList()
                    : [];
                // An interrupted index build leaves an INVALID index that IF NOT EXISTS would skip on the rerun.
                // DROP INDEX CONCURRENTLY cannot run in a transaction, so the drops come first, each on its own: a
                // repair interrupted here is simply run again.
                var dropped = new List<string>();
                foreach (var name in cleared)
                {
                    if (Scripts.Find(name) is not { RunsInTransaction: false } script)
                    {
                        continue;
                    }

                    foreach (var index in await ScriptRunner.DropInvalidIndexesAsync(connection, script.Body,
                                 _options.ClientTimeoutSeconds, cancellationToken, _options.DefaultSchema is not null).ConfigureAwait(false))
                    {
                        ExecutionLog.InvalidIndexDropped(_logger, index.QualifiedName, name);
                        dropped.Add(index.QualifiedName);
                    }
                }

                if (cleared.Count + accepted.Count > 0)
                {
                    var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                    await using (transaction.ConfigureAwait(false))
                    {
                        var batch = new NpgsqlBatch(connection, transaction);
                        await using (batch.ConfigureAwait(false))
                        {
                            foreach (var name in cleared)
                            {
                                batch.BatchCommands.Add(_journal.DeleteCommand(name));
                            }

                            foreach (var name in accepted)
                            {
                                batch.BatchCommands.Add(_journal.UpdateChecksumCommand(name, Scripts.Find(name)!.Checksum));
                            }

                            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        }

                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                return new RepairResult([.. cleared], [.. accepted], [.. dropped]);
            }
        }
    }
}
