using System.Collections.Immutable;
using Cutover.Connections;
using Cutover.Planning;
using Npgsql;

namespace Cutover.Fleet;

/// <summary>The run ledger, in the control database's <c>cutover_fleet</c> schema: a row per run, per target and
/// per worker.</summary>
/// <remarks>
/// <para>Workers claim targets with <c>FOR UPDATE SKIP LOCKED</c>, as post-deploy actions are claimed, so that any
/// number of workers (threads of one process, <c>--join</c>ed processes on other machines) take each target once.
/// A claim names its worker, and a worker is alive while the session it registered with is: each worker keeps one
/// connection to the control database open for its whole life and records that backend's pid and start time. When
/// a worker is killed its session ends with it, so the next worker takes its targets over at once, with no lease to
/// wait out; an interrupted target is then checked against its own journal (the upgrade applies only what the
/// journal lacks).</para>
/// <para>Every write after a claim is fenced by the worker's id, so a worker that was presumed dead cannot overwrite
/// a target another worker took over.</para>
/// </remarks>
internal sealed class FleetLedger(NpgsqlDataSource control)
{
    // The schema and tables are created once, under a transaction-level advisory lock: CREATE ... IF NOT EXISTS
    // alone can still collide on the catalog's unique indexes when four shards start at once.
    private const string CreateSql = """
        SELECT pg_advisory_xact_lock(hashtext('cutover_fleet'));
        CREATE SCHEMA IF NOT EXISTS cutover_fleet;
        CREATE TABLE IF NOT EXISTS cutover_fleet.runs (
            run_id text PRIMARY KEY,
            fingerprint text NOT NULL,
            phase text NOT NULL,
            waves text NOT NULL,
            max_failures integer,
            selection text,
            shard text,
            state text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done', 'failed', 'stopped')),
            created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            finished_at timestamptz);
        CREATE INDEX IF NOT EXISTS runs_fingerprint ON cutover_fleet.runs (fingerprint, created_at);
        CREATE TABLE IF NOT EXISTS cutover_fleet.targets (
            run_id text NOT NULL REFERENCES cutover_fleet.runs ON DELETE CASCADE,
            name text NOT NULL,
            position integer NOT NULL,
            wave integer NOT NULL,
            state text NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'running', 'done', 'failed', 'skipped')),
            worker uuid,
            attempts integer NOT NULL DEFAULT 0,
            applied integer,
            started_at timestamptz,
            finished_at timestamptz,
            error text,
            PRIMARY KEY (run_id, name));
        CREATE INDEX IF NOT EXISTS targets_order ON cutover_fleet.targets (run_id, wave, position);
        CREATE TABLE IF NOT EXISTS cutover_fleet.workers (
            worker uuid PRIMARY KEY,
            run_id text NOT NULL REFERENCES cutover_fleet.runs ON DELETE CASCADE,
            host text NOT NULL,
            pid integer NOT NULL,
            backend_start timestamptz NOT NULL,
            started_at timestamptz NOT NULL DEFAULT clock_timestamp());
        """;

    // A claim's worker is alive while its registered session is.
    private const string WorkerAlive = """
        EXISTS (SELECT 1 FROM cutover_fleet.workers w JOIN pg_stat_activity a
                  ON a.pid = w.pid AND a.backend_start = w.backend_start
                WHERE w.worker = c.worker)
        """;

    /// <summary>Creates the ledger's schema and tables unless they exist.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var exists = new NpgsqlCommand("SELECT to_regclass('cutover_fleet.workers') IS NOT NULL", connection);
            await using (exists.ConfigureAwait(false))
            {
                if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
                {
                    return;
                }
            }

            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var create = new NpgsqlCommand(CreateSql, connection, transaction);
                await using (create.ConfigureAwait(false))
                {
                    await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The newest run of <paramref name="fingerprint"/> that has not finished with every target done.</summary>
    public async Task<FleetRunRecord?> FindUnfinishedAsync(string fingerprint, CancellationToken cancellationToken)
    {
        var runs = await ReadRunsAsync(
            "WHERE fingerprint = $1 AND state <> 'done' ORDER BY created_at DESC LIMIT 1", fingerprint, cancellationToken)
            .ConfigureAwait(false);
        return runs.FirstOrDefault();
    }

    /// <summary>The run <paramref name="runId"/>, or null.</summary>
    public async Task<FleetRunRecord?> FindAsync(string runId, CancellationToken cancellationToken) =>
        (await ReadRunsAsync("WHERE run_id = $1", runId, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>Records a new run with its targets, all pending, in one transaction.</summary>
    public async Task CreateAsync(
        FleetRunRecord run, IReadOnlyList<(string Name, int Position, int Wave)> targets, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var insert = new NpgsqlCommand("""
                    INSERT INTO cutover_fleet.runs (run_id, fingerprint, phase, waves, max_failures, selection, shard)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    """, connection, transaction)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<string>{ TypedValue = run.RunId },
                        new NpgsqlParameter<string>{ TypedValue = run.Fingerprint },
                        new NpgsqlParameter<string>{ TypedValue = FormatPhase(run.Phase) },
                        new NpgsqlParameter<string>{ TypedValue = run.Waves },
                        new NpgsqlParameter { Value = (object?)run.Budget ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer },
                        new NpgsqlParameter { Value = (object?)run.Select ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                        new NpgsqlParameter { Value = (object?)run.Shard ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                    },
                };
                await using (insert.ConfigureAwait(false))
                {
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                // One statement for all targets: arrays, not a round trip per row.
                var rows = new NpgsqlCommand("""
                    INSERT INTO cutover_fleet.targets (run_id, name, position, wave)
                    SELECT $1, t.name, t.position, t.wave FROM unnest($2::text[], $3::int[], $4::int[]) AS t (name, position, wave)
                    """, connection, transaction)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<string> { TypedValue = run.RunId },
                        new NpgsqlParameter<string[]> { TypedValue = [.. targets.Select(t => t.Name)] },
                        new NpgsqlParameter<int[]> { TypedValue = [.. targets.Select(t => t.Position)] },
                        new NpgsqlParameter<int[]> { TypedValue = [.. targets.Select(t => t.Wave)] },
                    },
                };
                await using (rows.ConfigureAwait(false))
                {
                    await rows.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Registers a worker of <paramref name="runId"/> on <paramref name="presence"/>, the connection it keeps
    /// open for its whole life.</summary>
    public static async Task RegisterAsync(
        NpgsqlConnection presence, string runId, Guid worker, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand("""
            INSERT INTO cutover_fleet.workers (worker, run_id, host, pid, backend_start)
            SELECT $1, $2, $3, pid, backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()
            """, presence)
        {
            Parameters =
            {
                new NpgsqlParameter<Guid> { TypedValue = worker },
                new NpgsqlParameter<string> { TypedValue = runId },
                new NpgsqlParameter<string> { TypedValue = Environment.MachineName },
            },
        };
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Puts failed and skipped targets back to pending and marks the run running again: a resumed run
    /// tries them again. Done targets stay as they are.</summary>
    public async Task RequeueAsync(string runId, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            UPDATE cutover_fleet.targets SET state = 'pending' WHERE run_id = $1 AND state IN ('failed', 'skipped');
            UPDATE cutover_fleet.runs SET state = 'running', finished_at = NULL WHERE run_id = $1;
            """, runId, cancellationToken).ConfigureAwait(false);

    /// <summary>Takes the next target for <paramref name="worker"/>: the first pending one (or one a dead worker was
    /// running) in the earliest unfinished wave, after checking the failure budget.</summary>
    public async Task<FleetClaim> ClaimAsync(string runId, Guid worker, int? budget, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            long failed;
            int? wave;
            var counts = new NpgsqlCommand("""
                SELECT count(*) FILTER (WHERE state = 'failed'),
                       min(wave) FILTER (WHERE state IN ('pending', 'running'))
                FROM cutover_fleet.targets WHERE run_id = $1
                """, connection) { Parameters = { new NpgsqlParameter<string> { TypedValue = runId } } };
            await using (counts.ConfigureAwait(false))
            {
                var reader = await counts.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    failed = reader.GetInt64(0);
                    wave = reader.IsDBNull(1) ? null : reader.GetInt32(1);
                }
            }

            if (budget is { } allowed && failed > allowed)
            {
                // The run stops: what was not started stays untouched and is marked skipped, so that the ledger says
                // why; a resumed run picks these up again.
                await ExecuteAsync(connection, """
                    UPDATE cutover_fleet.targets SET state = 'skipped' WHERE run_id = $1 AND state = 'pending';
                    UPDATE cutover_fleet.runs SET state = 'stopped', finished_at = coalesce(finished_at, clock_timestamp())
                    WHERE run_id = $1;
                    """, runId, cancellationToken).ConfigureAwait(false);
                return new FleetClaim(null, false, true, true);
            }

            if (wave is null)
            {
                await ExecuteAsync(connection, """
                    UPDATE cutover_fleet.runs SET
                        state = CASE WHEN EXISTS (SELECT 1 FROM cutover_fleet.targets
                                                  WHERE run_id = $1 AND state <> 'done') THEN 'failed' ELSE 'done' END,
                        finished_at = coalesce(finished_at, clock_timestamp())
                    WHERE run_id = $1 AND state = 'running';
                    """, runId, cancellationToken).ConfigureAwait(false);
                return new FleetClaim(null, false, true, false);
            }

            // The pick is a MATERIALIZED CTE, evaluated once: as a subquery in FROM the planner may put it on the
            // inner side of a nested loop and rescan it per row, and each rescan of LIMIT 1 ... SKIP LOCKED finds the
            // next row, so one UPDATE claimed every pending target (seen at 1,200 targets).
            var claim = new NpgsqlCommand($"""
                WITH next AS MATERIALIZED (
                    SELECT c.name, c.state AS was FROM cutover_fleet.targets c
                    WHERE c.run_id = $1 AND c.wave = $3
                      AND (c.state = 'pending' OR (c.state = 'running' AND NOT {WorkerAlive}))
                    ORDER BY c.position
                    LIMIT 1
                    FOR UPDATE OF c SKIP LOCKED)
                UPDATE cutover_fleet.targets t
                SET state = 'running', worker = $2, attempts = t.attempts + 1, started_at = clock_timestamp(),
                    finished_at = NULL, applied = NULL, error = NULL
                FROM next
                WHERE t.run_id = $1 AND t.name = next.name
                RETURNING t.name, next.was = 'running'
                """, connection)
            {
                Parameters =
                {
                    new NpgsqlParameter<string> { TypedValue = runId },
                    new NpgsqlParameter<Guid> { TypedValue = worker },
                    new NpgsqlParameter<int> { TypedValue = wave.Value },
                },
            };
            await using (claim.ConfigureAwait(false))
            {
                var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                        ? new FleetClaim(reader.GetString(0), reader.GetBoolean(1), false, false)
                        : FleetClaim.Wait;
                }
            }
        }
    }

    /// <summary>Records how <paramref name="worker"/>'s attempt at a target ended; false when another worker took
    /// the target over in the meantime.</summary>
    public async Task<bool> FinishAsync(
        string runId, string target, Guid worker, FleetTargetState state, int? applied, string? error,
        CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand("""
                UPDATE cutover_fleet.targets
                SET state = $4, applied = $5, error = $6,
                    finished_at = CASE WHEN $4 = 'pending' THEN NULL ELSE clock_timestamp() END
                WHERE run_id = $1 AND name = $2 AND worker = $3 AND state = 'running'
                """, connection)
            {
                Parameters =
                {
                    new NpgsqlParameter<string> { TypedValue = runId },
                    new NpgsqlParameter<string> { TypedValue = target },
                    new NpgsqlParameter<Guid> { TypedValue = worker },
                    new NpgsqlParameter<string> { TypedValue = FormatState(state) },
                    new NpgsqlParameter { Value = (object?)applied ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer },
                    new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                },
            };
            await using (command.ConfigureAwait(false))
            {
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            }
        }
    }

    /// <summary>Every target of the run, in order.</summary>
    public async Task<ImmutableArray<FleetTargetResult>> ReadTargetsAsync(string runId, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand("""
                SELECT name, wave, state, applied, attempts, started_at, finished_at, error
                FROM cutover_fleet.targets WHERE run_id = $1 ORDER BY position
                """, connection) { Parameters = { new NpgsqlParameter<string> { TypedValue = runId } } };
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var targets = ImmutableArray.CreateBuilder<FleetTargetResult>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        targets.Add(new FleetTargetResult(
                            reader.GetString(0), reader.GetInt32(1), ParseState(reader.GetString(2)),
                            reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.GetInt32(4),
                            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                            reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                            reader.IsDBNull(7) ? null : reader.GetString(7)));
                    }

                    return targets.ToImmutable();
                }
            }
        }
    }

    /// <summary>The latest state of each target name over all runs, for <c>fleet status</c>: which ones failed.</summary>
    public async Task<Dictionary<string, (FleetTargetState State, string? Error)>> ReadLatestAsync(CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, (FleetTargetState, string?)>(StringComparer.Ordinal);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand("""
                SELECT DISTINCT ON (t.name) t.name, t.state, t.error
                FROM cutover_fleet.targets t JOIN cutover_fleet.runs r USING (run_id)
                WHERE to_regclass('cutover_fleet.targets') IS NOT NULL
                ORDER BY t.name, r.created_at DESC
                """, connection);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        latest[reader.GetString(0)] =
                            (ParseState(reader.GetString(1)), reader.IsDBNull(2) ? null : reader.GetString(2));
                    }
                }
            }
        }

        return latest;
    }

    /// <summary>Opens a connection to the control database.</summary>
    public Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        DatabaseConnection.OpenAsync(control, cancellationToken);

    internal static string FormatPhase(PhaseSelection phase) => phase.ToString().ToLowerInvariant();

    internal static string FormatState(FleetTargetState state) => state.ToString().ToLowerInvariant();

    private static FleetTargetState ParseState(string text) => Enum.Parse<FleetTargetState>(text, ignoreCase: true);

    private async Task<List<FleetRunRecord>> ReadRunsAsync(string where, string value, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand(
                "SELECT run_id, fingerprint, phase, waves, max_failures, selection, shard, state FROM cutover_fleet.runs " + where,
                connection) { Parameters = { new NpgsqlParameter<string> { TypedValue = value } } };
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var runs = new List<FleetRunRecord>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        runs.Add(new FleetRunRecord(reader.GetString(0), reader.GetString(1),
                            Enum.Parse<PhaseSelection>(reader.GetString(2), ignoreCase: true), reader.GetString(3),
                            reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                            reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7)));
                    }

                    return runs;
                }
            }
        }
    }

    private async Task ExecuteAsync(string sql, string runId, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, sql, runId, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, string runId, CancellationToken cancellationToken)
    {
        // Several statements with one parameter: a batch, since a multi-statement command takes no $n parameters.
        var batch = new NpgsqlBatch(connection);
        await using (batch.ConfigureAwait(false))
        {
            foreach (var statement in sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (statement.TrimEnd(';').Length > 0)
                {
                    var command = new NpgsqlBatchCommand(statement.TrimEnd(';'));
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
                    batch.BatchCommands.Add(command);
                }
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
