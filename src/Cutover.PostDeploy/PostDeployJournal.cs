using System.Collections.Immutable;
using Cutover.Connections;
using Cutover.Journal;
using Npgsql;
using NpgsqlTypes;

namespace Cutover.PostDeploy;

/// <summary>The post-deploy journal table, one row per action and tenant, and every operation on it by name: register,
/// request, claim, heartbeat, save progress, finish, and the operator's skip, reset, pause, cancel and resume.</summary>
/// <remarks>Every write made on behalf of a running action is fenced by the claim token (<c>WHERE claim_token =
/// @token</c>), so a node whose claim expired and was taken over cannot overwrite the new owner's state or cursor.
/// Times come from the injected <see cref="TimeProvider"/>, never <c>now()</c>, so that claim expiry is testable.
/// Each state change notifies <see cref="NotifyChannel"/>, which wakes idle workers and waiting deploys.</remarks>
internal sealed class PostDeployJournal
{
    internal const string NotifyChannel = "cutover_post_deploy";

    private const string Columns =
        "action_id, tenant, description, auto, state, control, attempts, requested_at, started_at, finished_at, host, " +
        "claim_expires_at, error_summary, error_detail, rows_done, rows_total, cursor, stage, release";

    // A live claim is asked to stop (its node records the state when it sees the request); an expired or absent
    // claim is stopped at once.
    private const string LiveClaim = "(state = 'running' AND claim_expires_at >= @now)";

    private static readonly string s_states = string.Join(", ",
        Enum.GetValues<PostDeployState>().Select(s => "'" + Format(s) + "'"));

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostDeployOptions _options;
    private readonly string _table;

    public PostDeployJournal(NpgsqlDataSource dataSource, PostDeployOptions options)
    {
        _dataSource = dataSource;
        _options = options;
        _table = options.JournalTable.Quoted;
    }

    public JournalTableName Name => _options.JournalTable;

    public static string Format(PostDeployState state) => state switch
    {
        PostDeployState.Pending => "pending",
        PostDeployState.Running => "running",
        PostDeployState.Succeeded => "succeeded",
        PostDeployState.Failed => "failed",
        PostDeployState.Skipped => "skipped",
        PostDeployState.Cancelled => "cancelled",
        PostDeployState.Paused => "paused",
        PostDeployState.NotNeeded => "not_needed",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static PostDeployState Parse(string state) => state switch
    {
        "pending" => PostDeployState.Pending,
        "running" => PostDeployState.Running,
        "succeeded" => PostDeployState.Succeeded,
        "failed" => PostDeployState.Failed,
        "skipped" => PostDeployState.Skipped,
        "cancelled" => PostDeployState.Cancelled,
        "paused" => PostDeployState.Paused,
        "not_needed" => PostDeployState.NotNeeded,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown post-deploy state"),
    };

    public static string Format(PostDeployControl control) => control == PostDeployControl.Pause ? "pause" : "cancel";

    public static string Format(PostDeployStage stage) => stage == PostDeployStage.BeforePost ? "before_post" : "after_post";

    private static PostDeployControl? ParseControl(string? control) => control switch
    {
        "pause" => PostDeployControl.Pause,
        "cancel" => PostDeployControl.Cancel,
        _ => null,
    };

    /// <summary>Creates the schema and table when missing, and brings a table of an earlier version up to date;
    /// returns whether it created the table.</summary>
    public async Task<bool> EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // CREATE TABLE IF NOT EXISTS still fails with 23505 on pg_type when two sessions race, so nodes
                // starting together take turns on an advisory lock named after the table.
                await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended(@name, 7))",
                    cancellationToken, ("name", _table)).ConfigureAwait(false);
                var exists = await ScalarAsync<bool>(connection, transaction, "SELECT to_regclass(@name) IS NOT NULL",
                    cancellationToken, ("name", _table)).ConfigureAwait(false);
                if (!exists)
                {
                    await ExecuteAsync(connection, transaction, $"""
                        CREATE SCHEMA IF NOT EXISTS {SqlIdentifier.Quote(Name.Schema)};
                        CREATE TABLE {_table} (
                            action_id text NOT NULL,
                            tenant text NOT NULL DEFAULT '',
                            description text,
                            auto boolean NOT NULL DEFAULT false,
                            state text NOT NULL DEFAULT 'pending' CONSTRAINT state_known CHECK (state IN ({s_states})),
                            control text CHECK (control IN ('pause', 'cancel')),
                            attempts integer NOT NULL DEFAULT 0,
                            created_at timestamptz NOT NULL,
                            requested_at timestamptz,
                            started_at timestamptz,
                            finished_at timestamptz,
                            host text,
                            claim_token uuid,
                            claim_expires_at timestamptz,
                            error_summary text,
                            error_detail text,
                            rows_done bigint NOT NULL DEFAULT 0,
                            rows_total bigint,
                            cursor text,
                            stage text NOT NULL DEFAULT 'after_post' CHECK (stage IN ('before_post', 'after_post')),
                            release text,
                            PRIMARY KEY (action_id, tenant)
                        );
                        COMMENT ON TABLE {_table} IS 'Cutover post-deploy actions: one row per action and tenant';
                        """, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await UpgradeAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return !exists;
            }
        }
    }

    /// <summary>Adds a pending row for every action and tenant that has none, and refreshes what the code of the
    /// latest deploy says of each action (description, auto, stage, release).</summary>
    public async Task RegisterAsync(
        IReadOnlyList<PostDeployActionDescriptor> actions, IReadOnlyList<string> tenants, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var pairs = actions.SelectMany(a => tenants.Select(t => (Action: a, Tenant: t))).ToList();
        if (pairs.Count == 0)
        {
            return;
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand($"""
                INSERT INTO {_table} AS t (action_id, tenant, description, auto, stage, release, created_at)
                SELECT *, @now FROM unnest(@ids, @tenants, @descriptions, @autos, @stages, @releases)
                ON CONFLICT (action_id, tenant) DO UPDATE SET
                    description = excluded.description, auto = excluded.auto, stage = excluded.stage,
                    release = excluded.release
                WHERE (t.description, t.auto, t.stage, t.release)
                    IS DISTINCT FROM (excluded.description, excluded.auto, excluded.stage, excluded.release)
                """, connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. pairs.Select(p => p.Action.Id)]));
                command.Parameters.Add(new NpgsqlParameter<string[]>("tenants", [.. pairs.Select(p => p.Tenant)]));
                command.Parameters.Add(NullableTexts("descriptions", pairs.Select(p => p.Action.Description)));
                command.Parameters.Add(new NpgsqlParameter<bool[]>("autos", [.. pairs.Select(p => p.Action.Auto)]));
                command.Parameters.Add(new NpgsqlParameter<string[]>("stages", [.. pairs.Select(p => Format(p.Action.Stage))]));
                command.Parameters.Add(NullableTexts("releases", pairs.Select(p => p.Action.Release)));
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Records the never-run rows of <paramref name="notNeededIds"/> as not needed, then moves rows in
    /// <paramref name="fromStates"/> to pending-and-requested (a finished row starts over from no cursor), and returns
    /// those rows plus rows in scope that are running, in id order.</summary>
    public async Task<ImmutableArray<PostDeployWorkItem>> RequestAsync(
        IReadOnlyList<string> actionIds, IReadOnlyList<string> tenants, IReadOnlyList<PostDeployState> fromStates,
        IReadOnlyList<string> notNeededIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand($"""
                UPDATE {_table} SET state = 'not_needed', requested_at = NULL, finished_at = @now
                WHERE action_id = ANY(@not_needed) AND tenant = ANY(@tenants) AND state = 'pending' AND attempts = 0;
                WITH requested AS (
                    UPDATE {_table} SET
                        state = 'pending', requested_at = @now, control = NULL,
                        cursor = CASE WHEN state IN ('succeeded', 'not_needed') THEN NULL ELSE cursor END,
                        rows_done = CASE WHEN state IN ('succeeded', 'not_needed') THEN 0 ELSE rows_done END,
                        rows_total = CASE WHEN state IN ('succeeded', 'not_needed') THEN NULL ELSE rows_total END
                    WHERE action_id = ANY(@ids) AND tenant = ANY(@tenants) AND state = ANY(@states)
                    RETURNING action_id, tenant)
                SELECT action_id, tenant FROM requested
                UNION
                SELECT action_id, tenant FROM {_table}
                WHERE action_id = ANY(@ids) AND tenant = ANY(@tenants) AND state = 'running'
                ORDER BY action_id, tenant;
                SELECT pg_notify(@channel, '');
                """, connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. actionIds]));
                command.Parameters.Add(new NpgsqlParameter<string[]>("tenants", [.. tenants]));
                command.Parameters.Add(new NpgsqlParameter<string[]>("states", [.. fromStates.Select(Format)]));
                command.Parameters.Add(new NpgsqlParameter<string[]>("not_needed", [.. notNeededIds]));
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
                command.Parameters.Add(new NpgsqlParameter<string>("channel", NotifyChannel));
                var items = ImmutableArray.CreateBuilder<PostDeployWorkItem>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        items.Add(new PostDeployWorkItem(reader.GetString(0), reader.GetString(1)));
                    }
                }

                return items.ToImmutable();
            }
        }
    }

    /// <summary>Claims one row if it is pending and requested, or running under an expired claim.</summary>
    public Task<PostDeployClaimed?> ClaimAsync(PostDeployWorkItem item, DateTimeOffset now, CancellationToken cancellationToken) =>
        ClaimWhereAsync("""
            WHERE t.action_id = @id AND t.tenant = @tenant
              AND ((t.state = 'pending' AND t.requested_at IS NOT NULL) OR (t.state = 'running' AND t.claim_expires_at < @now))
            """, now, cancellationToken, ("id", item.ActionId), ("tenant", item.Tenant));

    /// <summary>Claims the longest-waiting requested row among <paramref name="actionIds"/>, skipping rows other
    /// nodes are claiming at this moment (<c>FOR UPDATE SKIP LOCKED</c>).</summary>
    public Task<PostDeployClaimed?> ClaimNextAsync(
        IReadOnlyList<string> actionIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        ClaimWhereAsync($"""
            FROM (SELECT action_id, tenant FROM {_table}
                  WHERE action_id = ANY(@ids)
                    AND ((state = 'pending' AND requested_at IS NOT NULL) OR (state = 'running' AND claim_expires_at < @now))
                  ORDER BY requested_at, action_id, tenant
                  LIMIT 1
                  FOR UPDATE SKIP LOCKED) AS next
            WHERE t.action_id = next.action_id AND t.tenant = next.tenant
            """, now, cancellationToken, ("ids", actionIds.ToArray()));

    /// <summary>Extends a claim; returns the operator's pending request, if any.</summary>
    /// <exception cref="PostDeployClaimLostException">The claim is no longer this node's.</exception>
    public async Task<PostDeployControl?> HeartbeatAsync(
        PostDeployClaimed claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await SaveProgressAsync(connection, null, claim, null, null, null, now, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Saves progress (and the cursor, when given) and extends the claim, fenced by the claim token, in the
    /// caller's transaction when one is given; returns the operator's pending request, if any.</summary>
    /// <exception cref="PostDeployClaimLostException">The claim is no longer this node's.</exception>
    public async Task<PostDeployControl?> SaveProgressAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, PostDeployClaimed claim, string? cursor,
        long? rowsDone, long? rowsTotal, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand($"""
            UPDATE {_table} SET
                claim_expires_at = @expires,
                cursor = CASE WHEN @set_cursor THEN @cursor ELSE cursor END,
                rows_done = coalesce(@rows_done, rows_done),
                rows_total = coalesce(@rows_total, rows_total)
            WHERE action_id = @id AND tenant = @tenant AND claim_token = @token AND state = 'running'
            RETURNING coalesce(control, '')
            """, connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("expires", now + _options.Lease));
            command.Parameters.Add(new NpgsqlParameter<bool>("set_cursor", cursor is not null));
            command.Parameters.Add(new NpgsqlParameter("cursor", NpgsqlDbType.Text) { Value = (object?)cursor ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("rows_done", NpgsqlDbType.Bigint) { Value = (object?)rowsDone ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("rows_total", NpgsqlDbType.Bigint) { Value = (object?)rowsTotal ?? DBNull.Value });
            AddKey(command, claim);
            var control = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return control is string text ? ParseControl(text) : throw new PostDeployClaimLostException(claim.Item);
        }
    }

    /// <summary>Records how an attempt ended and drops the claim; returns false when the claim was already gone.</summary>
    public async Task<bool> FinishAsync(
        PostDeployClaimed claim, PostDeployState state, Exception? error, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand($"""
                WITH finished AS (
                UPDATE {_table} SET
                    state = @state,
                    finished_at = CASE WHEN @state = 'pending' THEN NULL ELSE @now END,
                    requested_at = CASE WHEN @state = 'pending' THEN requested_at ELSE NULL END,
                    claim_token = NULL, claim_expires_at = NULL, control = NULL,
                    error_summary = @error_summary, error_detail = @error_detail
                WHERE action_id = @id AND tenant = @tenant AND claim_token = @token
                RETURNING 1)
                SELECT count(*)::int FROM finished;
                SELECT pg_notify(@channel, '');
                """, connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(new NpgsqlParameter<string>("state", Format(state)));
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
                command.Parameters.Add(new NpgsqlParameter("error_summary", NpgsqlDbType.Text)
                {
                    Value = error is null ? DBNull.Value : Summarize(error),
                });
                command.Parameters.Add(new NpgsqlParameter("error_detail", NpgsqlDbType.Text)
                {
                    Value = error is null ? DBNull.Value : error.ToString(),
                });
                command.Parameters.Add(new NpgsqlParameter<string>("channel", NotifyChannel));
                AddKey(command, claim);
                return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0;
            }
        }
    }

    /// <summary>Marks rows that are pending, failed, cancelled, paused or not needed as not to be run.</summary>
    public Task<int> SkipAsync(string actionId, IReadOnlyList<string> tenants, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeAsync(actionId, tenants, now,
            "state = 'skipped', requested_at = NULL, finished_at = @now",
            "state IN ('pending', 'failed', 'cancelled', 'paused', 'not_needed')", cancellationToken);

    /// <summary>Makes rows pending again as if they never ran (cursor and progress cleared), except rows running
    /// under a live claim.</summary>
    public Task<int> ResetAsync(string actionId, IReadOnlyList<string> tenants, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeAsync(actionId, tenants, now, """
            state = 'pending', requested_at = NULL, control = NULL, cursor = NULL, rows_done = 0, rows_total = NULL,
            error_summary = NULL, error_detail = NULL, started_at = NULL, finished_at = NULL, claim_token = NULL,
            claim_expires_at = NULL, attempts = 0
            """, "(state <> 'running' OR claim_expires_at < @now)", cancellationToken);

    /// <summary>Pauses or cancels rows: a live claim is asked to stop (its node records the state); a pending,
    /// expired or (for cancel) paused row is stopped at once. Cursors are kept.</summary>
    public Task<int> StopAsync(
        string actionId, IReadOnlyList<string> tenants, PostDeployControl control, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var stopped = control == PostDeployControl.Pause ? PostDeployState.Paused : PostDeployState.Cancelled;
        return ChangeAsync(actionId, tenants, now, $"""
            state = CASE WHEN {LiveClaim} THEN state ELSE '{Format(stopped)}' END,
            control = CASE WHEN {LiveClaim} THEN '{Format(control)}' ELSE NULL END,
            requested_at = CASE WHEN {LiveClaim} THEN requested_at ELSE NULL END,
            claim_token = CASE WHEN {LiveClaim} THEN claim_token ELSE NULL END,
            claim_expires_at = CASE WHEN {LiveClaim} THEN claim_expires_at ELSE NULL END,
            finished_at = CASE WHEN {LiveClaim} THEN finished_at ELSE @now END
            """,
            control == PostDeployControl.Pause
                ? "state IN ('pending', 'running')"
                : "state IN ('pending', 'running', 'paused')", cancellationToken);
    }

    /// <summary>Makes paused rows pending and requested again, and withdraws a pause the running node has not
    /// honoured yet.</summary>
    public Task<int> ResumeAsync(string actionId, IReadOnlyList<string> tenants, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeAsync(actionId, tenants, now, """
            state = CASE WHEN state = 'paused' THEN 'pending' ELSE state END,
            requested_at = CASE WHEN state = 'paused' THEN @now ELSE requested_at END,
            control = NULL
            """, "(state = 'paused' OR (state = 'running' AND control = 'pause'))", cancellationToken);

    /// <summary>Reads every row, or the rows of the given items, ordered by action and tenant.</summary>
    public async Task<ImmutableArray<PostDeployJournalRow>> ReadAsync(
        IReadOnlyCollection<PostDeployWorkItem>? items, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadAsync(connection, items, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads every row, or none when the table does not exist: for readers that must not create it (the
    /// post-phase gate, run by <c>cutover upgrade</c>).</summary>
    public async Task<ImmutableArray<PostDeployJournalRow>> ReadIfExistsAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var exists = new NpgsqlCommand(
                "SELECT to_regclass(@name) IS NOT NULL AND EXISTS (SELECT FROM pg_attribute " +
                "WHERE attrelid = to_regclass(@name) AND attname = 'stage' AND NOT attisdropped)", connection);
            await using (exists.ConfigureAwait(false))
            {
                exists.Parameters.AddWithValue("name", _table);
                if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                {
                    // Missing, or written by a version without stages: nothing in it can be a before-post action.
                    return [];
                }
            }

            return await ReadAsync(connection, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The first line of an error for the report: exception type and message.</summary>
    public static string Summarize(Exception error)
    {
        var message = error.Message.ReplaceLineEndings(" ");
        var summary = error.GetType().Name + ": " + message;
        return summary.Length <= 500 ? summary : summary[..500];
    }

    private async Task<ImmutableArray<PostDeployJournalRow>> ReadAsync(
        NpgsqlConnection connection, IReadOnlyCollection<PostDeployWorkItem>? items, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(items is null
            ? $"SELECT {Columns} FROM {_table} ORDER BY action_id, tenant"
            : $"""
               SELECT {Columns} FROM {_table}
               WHERE (action_id, tenant) IN (SELECT * FROM unnest(@ids, @tenants))
               ORDER BY action_id, tenant
               """, connection);
        await using (command.ConfigureAwait(false))
        {
            if (items is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. items.Select(i => i.ActionId)]));
                command.Parameters.Add(new NpgsqlParameter<string[]>("tenants", [.. items.Select(i => i.Tenant)]));
            }

            var rows = ImmutableArray.CreateBuilder<PostDeployJournalRow>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(new PostDeployJournalRow(
                        reader.GetString(0),
                        reader.GetString(1),
                        GetText(reader, 2),
                        reader.GetBoolean(3),
                        Parse(reader.GetString(4)),
                        ParseControl(GetText(reader, 5)),
                        reader.GetInt32(6),
                        GetTime(reader, 7),
                        GetTime(reader, 8),
                        GetTime(reader, 9),
                        GetText(reader, 10),
                        GetTime(reader, 11),
                        GetText(reader, 12),
                        GetText(reader, 13),
                        reader.GetInt64(14),
                        reader.IsDBNull(15) ? null : reader.GetInt64(15),
                        GetText(reader, 16),
                        reader.GetString(17) == "before_post" ? PostDeployStage.BeforePost : PostDeployStage.AfterPost,
                        GetText(reader, 18)));
                }
            }

            return rows.ToImmutable();
        }
    }

    /// <summary>Brings a table written by an earlier version up to date: stages and releases (gates, fresh
    /// installs) and the <c>not_needed</c> state. Runs under the creation lock, so nodes upgrading together take
    /// turns.</summary>
    private async Task UpgradeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var hasStage = await ScalarAsync<bool>(connection, transaction,
            "SELECT EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass(@name) AND attname = 'stage' AND NOT attisdropped)",
            cancellationToken, ("name", _table)).ConfigureAwait(false);
        if (hasStage)
        {
            return;
        }

        // The first version's state check was unnamed (PostgreSQL called it <table>_state_check); find it by column.
        var stateChecks = await ScalarAsync<string[]>(connection, transaction, """
            SELECT coalesce(array_agg(c.conname::text), '{}') FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
            WHERE c.conrelid = to_regclass(@name) AND c.contype = 'c' AND a.attname = 'state'
            """, cancellationToken, ("name", _table)).ConfigureAwait(false);
        var drops = string.Concat(stateChecks.Select(c => $"DROP CONSTRAINT {SqlIdentifier.Quote(c)}, "));
        await ExecuteAsync(connection, transaction, $"""
            ALTER TABLE {_table}
                {drops}ADD CONSTRAINT state_known CHECK (state IN ({s_states})),
                ADD COLUMN stage text NOT NULL DEFAULT 'after_post' CHECK (stage IN ('before_post', 'after_post')),
                ADD COLUMN release text
            """, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> ChangeAsync(
        string actionId, IReadOnlyList<string> tenants, DateTimeOffset now, string assignments, string condition,
        CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand($"""
                WITH changed AS (
                    UPDATE {_table} SET {assignments}
                    WHERE action_id = @id AND tenant = ANY(@tenants) AND {condition}
                    RETURNING 1)
                SELECT count(*)::int FROM changed;
                SELECT pg_notify(@channel, '');
                """, connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(new NpgsqlParameter<string>("id", actionId));
                command.Parameters.Add(new NpgsqlParameter<string[]>("tenants", [.. tenants]));
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
                command.Parameters.Add(new NpgsqlParameter<string>("channel", NotifyChannel));
                return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }
        }
    }

    private async Task<PostDeployClaimed?> ClaimWhereAsync(
        string fromAndWhere, DateTimeOffset now, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        var token = Guid.NewGuid();
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand($"""
                UPDATE {_table} AS t SET
                    state = 'running', attempts = t.attempts + 1, claim_token = @token, claim_expires_at = @expires,
                    host = @host, started_at = @now, finished_at = NULL, control = NULL,
                    error_summary = NULL, error_detail = NULL
                {fromAndWhere}
                RETURNING t.action_id, t.tenant, t.attempts, t.cursor, t.rows_done, t.rows_total
                """, connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(new NpgsqlParameter<Guid>("token", token));
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("expires", now + _options.Lease));
                command.Parameters.Add(new NpgsqlParameter<string>("host", _options.HostName));
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
                foreach (var (name, value) in parameters)
                {
                    command.Parameters.AddWithValue(name, value);
                }

                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return null;
                    }

                    return new PostDeployClaimed(
                        new PostDeployWorkItem(reader.GetString(0), reader.GetString(1)),
                        token,
                        reader.GetInt32(2),
                        GetText(reader, 3),
                        reader.GetInt64(4),
                        reader.IsDBNull(5) ? null : reader.GetInt64(5));
                }
            }
        }
    }

    private Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        DatabaseConnection.OpenAsync(_dataSource, cancellationToken);

    private static NpgsqlParameter NullableTexts(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.Select(v => (object?)v ?? DBNull.Value).ToArray() };

    private static void AddKey(NpgsqlCommand command, PostDeployClaimed claim)
    {
        command.Parameters.Add(new NpgsqlParameter<string>("id", claim.Item.ActionId));
        command.Parameters.Add(new NpgsqlParameter<string>("tenant", claim.Item.Tenant));
        command.Parameters.Add(new NpgsqlParameter<Guid>("token", claim.Token));
    }

    private static string? GetText(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? GetTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<T> ScalarAsync<T>(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return (T)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }
}
