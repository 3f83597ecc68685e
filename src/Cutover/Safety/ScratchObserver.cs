using System.Collections.Frozen;
using System.Collections.Immutable;
using Cutover.Scripts;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.Safety;

/// <summary>Runs scripts on the lint's scratch database: first statement by statement in a transaction that is rolled
/// back, looking after each statement at the locks held, the relations rewritten, the tables scanned and the rows
/// changed; then for real, so that the next script starts from the state this one leaves.</summary>
/// <remarks>A script that runs in a transaction is observed in one transaction, as it will run; a no-transaction
/// script statement by statement, each observed in a transaction of its own and then run on its own. A statement that
/// cannot run in a transaction block (<c>CREATE INDEX CONCURRENTLY</c>) is not observed; the static rules speak for
/// it. The tables that exist before the script get a few rows first (<see cref="RowSeeder"/>), inside the
/// rolled-back transaction, so the state the next script starts from holds none of them.</remarks>
internal sealed class ScratchObserver(NpgsqlConnection connection, LintOptions options, ILogger logger)
{
    private const string LocksSql =
        "SELECT relation AS cutover_lint_locks, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted " +
        "AND relation IS NOT NULL";

    private const string StatsSql = "SELECT relid, seq_scan, n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables";

    // query_to_xml counts each table by its regclass, so that no name is quoted client-side.
    private const string RowsSql =
        "SELECT c.oid, (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %s', c.oid::regclass), " +
        "false, true, '')))[1]::text::bigint FROM pg_class c WHERE c.oid = ANY($1::bigint[]::oid[]) AND c.relkind IN ('r', 'p')";

    private sealed record Moment(
        CatalogState Catalog, FrozenDictionary<uint, TableLockMode> Locks, Dictionary<uint, (long Scans, long Changes)> Stats);

    /// <summary>Observes <paramref name="script"/> when <paramref name="observe"/>, then applies it.</summary>
    /// <returns>The observation (null when not asked for), and the server's message when the script failed to apply:
    /// the scratch database then no longer follows the scripts.</returns>
    public async Task<(ScriptObservation? Observation, string? ApplyFailure)> RunAsync(
        MigrationScript script, ImmutableArray<LintStatement> statements, bool observe, CancellationToken cancellationToken)
    {
        if (script.RunsInTransaction)
        {
            var observation = observe
                ? await ObserveAsync(script, statements, null, cancellationToken).ConfigureAwait(false)
                : null;
            return (observation, await ApplyInTransactionAsync(statements, cancellationToken).ConfigureAwait(false));
        }

        CatalogState? preExisting = null;
        FrozenDictionary<uint, long>? rows = null;
        var observed = ImmutableArray.CreateBuilder<ObservedStatement>();
        (LintStatement, string)? failure = null;
        foreach (var statement in statements)
        {
            if (observe && failure is null)
            {
                var one = await ObserveAsync(script, [statement], preExisting, cancellationToken).ConfigureAwait(false);
                preExisting ??= one.PreExisting;
                rows ??= one.Rows;
                observed.AddRange(one.Statements);
                failure = one.Failure;
            }

            try
            {
                await ScratchSql.ExecuteAsync(connection, statement.Text, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e)
            {
                return (Finish(), Describe(e));
            }
        }

        return (Finish(), null);

        ScriptObservation? Finish() => observe
            ? new ScriptObservation(preExisting ?? CatalogState.Empty, rows ?? FrozenDictionary<uint, long>.Empty,
                observed.ToImmutable(), failure)
            : null;
    }

    /// <summary>Reads the scratch database's catalog as it stands (outside any transaction).</summary>
    public async Task<CatalogState> ReadCatalogAsync(CancellationToken cancellationToken) =>
        (await ReadMomentAsync(CatalogScope.All, CatalogState.Empty, cancellationToken).ConfigureAwait(false)).Catalog;

    private async Task<ScriptObservation> ObserveAsync(
        MigrationScript script, IReadOnlyList<LintStatement> statements, CatalogState? preExisting,
        CancellationToken cancellationToken)
    {
        await ScratchSql.ExecuteAsync(connection, "BEGIN", cancellationToken).ConfigureAwait(false);
        try
        {
            var start = await ReadMomentAsync(CatalogScope.All, CatalogState.Empty, cancellationToken).ConfigureAwait(false);
            preExisting ??= start.Catalog;
            if (preExisting.IsEmpty)
            {
                // Nothing the previous version knows, nothing production traffic touches: nothing to watch.
                return new ScriptObservation(preExisting, FrozenDictionary<uint, long>.Empty, [], null);
            }

            var tables = preExisting.Tables.Select(t => t.Oid).ToArray();
            await RowSeeder.SeedAsync(connection, tables, options.SeedRows, cancellationToken).ConfigureAwait(false);
            var rows = await CountRowsAsync(tables, cancellationToken).ConfigureAwait(false);

            // Seeding changes no catalog row: only the statistics and locks are read again.
            var before = await ReadMomentAsync(CatalogScope.None, start.Catalog, cancellationToken).ConfigureAwait(false);
            var observed = ImmutableArray.CreateBuilder<ObservedStatement>();
            foreach (var statement in statements)
            {
                SafetyLog.StatementObserved(logger, statement.Index, script.Name.FileName, statement.Text);
                Moment after;
                try
                {
                    // One round trip: the statement under a savepoint, then what it left (of the catalog, the part it
                    // can change).
                    after = await ReadMomentAsync(statement.CatalogScope, before.Catalog, cancellationToken,
                        "SAVEPOINT cutover_lint_statement", statement.Text, "RELEASE SAVEPOINT cutover_lint_statement")
                        .ConfigureAwait(false);
                }
                catch (PostgresException e)
                {
                    await ScratchSql.ExecuteAsync(connection, "ROLLBACK TO SAVEPOINT cutover_lint_statement", cancellationToken)
                        .ConfigureAwait(false);
                    if (e.SqlState == PostgresErrorCodes.ActiveSqlTransaction)
                    {
                        observed.Add(new ObservedStatement(statement, false, before.Catalog, before.Catalog, before.Locks,
                            FrozenSet<uint>.Empty, FrozenDictionary<uint, long>.Empty));
                        continue;
                    }

                    return new ScriptObservation(preExisting, rows, observed.ToImmutable(), (statement, Describe(e)));
                }

                observed.Add(Compare(statement, before, after));
                before = after;
            }

            return new ScriptObservation(preExisting, rows, observed.ToImmutable(), null);
        }
        finally
        {
            await RollBackQuietlyAsync().ConfigureAwait(false);
        }
    }

    private static ObservedStatement Compare(LintStatement statement, Moment before, Moment after)
    {
        var scanned = new HashSet<uint>();
        var changed = new Dictionary<uint, long>();
        foreach (var (table, now) in after.Stats)
        {
            var then = before.Stats.GetValueOrDefault(table);
            if (now.Scans > then.Scans)
            {
                scanned.Add(table);
            }

            if (now.Changes > then.Changes)
            {
                changed[table] = now.Changes - then.Changes;
            }
        }

        return new ObservedStatement(statement, true, before.Catalog, after.Catalog, after.Locks, scanned.ToFrozenSet(),
            changed.ToFrozenDictionary());
    }

    private async Task<string?> ApplyInTransactionAsync(
        ImmutableArray<LintStatement> statements, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection) { Timeout = 0 };
        await using (batch.ConfigureAwait(false))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
            foreach (var statement in statements)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(statement.Text));
            }

            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (PostgresException e)
            {
                await RollBackQuietlyAsync().ConfigureAwait(false);
                return Describe(e);
            }
        }
    }

    private async Task<FrozenDictionary<uint, long>> CountRowsAsync(uint[] tables, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<uint, long>();
        var command = new NpgsqlCommand(RowsSql, connection) { Parameters = { new() { Value = tables.Select(t => (long)t).ToArray() } } };
        await using (command.ConfigureAwait(false))
        {
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows[reader.GetFieldValue<uint>(0)] = reader.GetInt64(1);
                }
            }
        }

        return rows.ToFrozenDictionary();
    }

    /// <summary>Reads the part of the catalog <paramref name="scope"/> names (the rest is <paramref
    /// name="catalog"/>'s), the locks and the statistics in one round trip, after the statements <paramref
    /// name="first"/>; the observation's own statements are prepared once per connection.</summary>
    private async Task<Moment> ReadMomentAsync(
        CatalogScope scope, CatalogState catalog, CancellationToken cancellationToken, params string[] first)
    {
        var batch = new NpgsqlBatch(connection) { Timeout = 0 };
        await using (batch.ConfigureAwait(false))
        {
            foreach (var sql in first)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
            }

            if ((scope & CatalogScope.Relations) != 0)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(CatalogState.RelationsSql));
            }

            if ((scope & CatalogScope.Routines) != 0)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(CatalogState.RoutinesSql));
            }

            batch.BatchCommands.Add(new NpgsqlBatchCommand(LocksSql));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(StatsSql));
            if (first.Length == 0)
            {
                // The script's own statements run once each: only the observation queries are worth preparing.
                await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);
            }

            var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                // Npgsql surfaces only the results that have rows: a SELECT of the script's comes first, and is skipped.
                var firstOwn = scope == CatalogScope.None ? "cutover_lint_locks" : "cutover_lint_catalog";
                while (reader.FieldCount == 0 || reader.GetName(0) != firstOwn)
                {
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                }

                if (scope != CatalogScope.None)
                {
                    catalog = await CatalogState.ReadAsync(reader, scope, catalog, options.JournalTable, cancellationToken)
                        .ConfigureAwait(false);
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                }

                var locks = new Dictionary<uint, TableLockMode>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var relation = reader.GetFieldValue<uint>(0);
                    var mode = Enum.TryParse<TableLockMode>(reader.GetString(1), out var parsed) ? parsed : TableLockMode.None;
                    if (mode > locks.GetValueOrDefault(relation))
                    {
                        locks[relation] = mode;
                    }
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                var stats = new Dictionary<uint, (long, long)>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    stats[reader.GetFieldValue<uint>(0)] = (reader.GetInt64(1), reader.GetInt64(2));
                }

                return new Moment(catalog, locks.ToFrozenDictionary(), stats);
            }
        }
    }

    // After a cancellation or a broken connection the rollback may fail too; the scratch database is dropped anyway,
    // and the first error is the one to report.
    private async Task RollBackQuietlyAsync()
    {
        try
        {
            await ScratchSql.ExecuteAsync(connection, "ROLLBACK", CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
        }
    }

    private static string Describe(PostgresException e) => e.SqlState + ": " + e.MessageText;
}
