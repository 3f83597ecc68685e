using System.Collections.Immutable;
using Cutover.Connections;
using Npgsql;
using NpgsqlTypes;

namespace Cutover.PostDeploy;

/// <summary>The SQL of the post-deploy journal table: one row per action and tenant.</summary>
/// <remarks>Every write made on behalf of a running action is fenced by the claim token (<c>WHERE claim_token =
/// @token</c>), so a node whose claim expired and was taken over cannot overwrite the new owner's state or cursor.
/// Times come from the injected <see cref="TimeProvider"/>, never <c>now()</c>, so that claim expiry is testable.</remarks>
internal sealed class PostDeployJournal
{
    internal const string NotifyChannel = "cutover_post_deploy";

    private const string Columns =
        "action_id, tenant, description, auto, state, control, attempts, requested_at, started_at, finished_at, host, " +
        "claim_expires_at, error_summary, error_detail, rows_done, rows_total, cursor";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostDeployOptions _options;
    private readonly string _table;

    public PostDeployJournal(NpgsqlDataSource dataSource, PostDeployOptions options)
    {
        _dataSource = dataSource;
        _options = options;
        _table = options.QualifiedJournalTable;
    }

    public string QualifiedTable => _table;

    public static string Format(PostDeployState state) => state switch
    {
        PostDeployState.Pending => "pending",
        PostDeployState.Running => "running",
        PostDeployState.Succeeded => "succeeded",
        PostDeployState.Failed => "failed",
        PostDeployState.Skipped => "skipped",
        PostDeployState.Cancelled => "cancelled",
        PostDeployState.Paused => "paused",
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
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown post-deploy state"),
    };

    /// <summary>Creates the schema and table when missing; returns whether it created the table.</summary>
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
                        CREATE SCHEMA IF NOT EXISTS {SqlIdentifier.Quote(_options.JournalSchema)};
                        CREATE TABLE {_table} (
                            action_id text NOT NULL,
                            tenant text NOT NULL DEFAULT '',
                            description text,
                            auto boolean NOT NULL DEFAULT false,
                            state text NOT NULL DEFAULT 'pending' CHECK (state IN
                                ('pending', 'running', 'succeeded', 'failed', 'skipped', 'cancelled', 'paused')),
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
                            PRIMARY KEY (action_id, tenant)
                        );
                        COMMENT ON TABLE {_table} IS 'Cutover post-deploy actions: one row per action and tenant';
                        """, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return !exists;
            }
        }
    }

    /// <summary>Adds a pending row for every action and tenant that has none, and refreshes description and auto
    /// from the code of the latest deploy.</summary>
    public async Task EnsureRowsAsync(
        IReadOnlyList<PostDeployActionDescriptor> actions, IReadOnlyList<string> tenants, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var descriptions = new List<string?>();
        var autos = new List<bool>();
        var tenantNames = new List<string>();
        foreach (var action in actions)
        {
            foreach (var tenant in tenants)
            {
                ids.Add(action.Id);
                descriptions.Add(action.Description);
                autos.Add(action.Auto);
                tenantNames.Add(tenant);
            }
        }

        if (ids.Count == 0)
        {
            return;
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand($"""
                INSERT INTO {_table} (action_id, tenant, description, auto, created_at)
                SELECT * , @now FROM unnest(@ids, @tenants, @descriptions, @autos)
                ON CONFLICT (action_id, tenant) DO UPDATE SET description = excluded.description, auto = excluded.auto
                WHERE ({_table}.description, {_table}.auto) IS DISTINCT FROM (excluded.description, excluded.auto)
                """, connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. ids]));
                command.Parameters.Add(new NpgsqlParameter<string[]>("tenants", [.. tenantNames]));
                command.Parameters.Add(new NpgsqlParameter("descriptions", NpgsqlDbType.Array | NpgsqlDbType.Text)
                {
                    Value = descriptions.Select(d => (object?)d ?? DBNull.Value).ToArray(),
                });
                command.Parameters.Add(new NpgsqlParameter<bool[]>("autos", [.. autos]));
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Moves rows in <paramref name="fromStates"/> to pending-and-requested (a succeeded row starts over
    /// from no cursor), then returns those rows plus rows in scope that are running, in id order.</summary>
    public async Task<ImmutableArray<PostDeployWorkItem>> RequestAsync(
        IReadOnlyList<string> actionIds, IReadOnlyList<string> tenants, IReadOnlyList<PostDeployState> fromStates,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand($"""
                WITH requested AS (
                    UPDATE {_table} SET
                        state = 'pending', requested_at = @now, control = NULL,
                        cursor = CASE WHEN state = 'succeeded' THEN NULL ELSE cursor END,
                        rows_done = CASE WHEN state = 'succeeded' THEN 0 ELSE rows_done END,
                        rows_total = CASE WHEN state = 'succeeded' THEN NULL ELSE rows_total END
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
    public Task<PostDeployClaimed?> TryClaimAsync(PostDeployWorkItem item, DateTimeOffset now, CancellationToken cancellationToken) =>
        ClaimAsync($"""
            WHERE t.action_id = @id AND t.tenant = @tenant
              AND ((t.state = 'pending' AND t.requested_at IS NOT NULL) OR (t.state = 'running' AND t.claim_expires_at < @now))
            """, now, cancellationToken, ("id", item.ActionId), ("tenant", item.Tenant));

    /// <summary>Claims the longest-waiting requested row among <paramref name="actionIds"/>, skipping rows other
    /// nodes are claiming at this moment (<c>FOR UPDATE SKIP LOCKED</c>).</summary>
    public Task<PostDeployClaimed?> TryClaimNextAsync(
        IReadOnlyList<string> actionIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        ClaimAsync($"""
            FROM (SELECT action_id, tenant FROM {_table}
                  WHERE action_id = ANY(@ids)
                    AND ((state = 'pending' AND requested_at IS NOT NULL) OR (state = 'running' AND claim_expires_at < @now))
                  ORDER BY requested_at, action_id, tenant
                  LIMIT 1
                  FOR UPDATE SKIP LOCKED) AS next
            WHERE t.action_id = next.action_id AND t.tenant = next.tenant
            """, now, cancellationToken, ("ids", actionIds.ToArray()));

    /// <summary>Extends a claim; returns the operator's pending control request (<c>pause</c>/<c>cancel</c>), or
    /// throws when the claim is gone.</summary>
    public async Task<string?> RenewAsync(
        PostDeployClaimed claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await SaveAsync(connection, null, claim, null, null, null, now, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Saves progress (and the cursor, when given) fenced by the claim token, in the caller's transaction
    /// when one is given; returns the pending control request.</summary>
    /// <exception cref="PostDeployClaimLostException">The claim is no longer this node's.</exception>
    public async Task<string?> SaveAsync(
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
            return control switch
            {
                null => throw new PostDeployClaimLostException(claim.Item),
                "" => null,
                string s => s,
                _ => null,
            };
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

    /// <summary>Applies an operator's change (<paramref name="assignments"/>, trusted SQL from the runner) to the
    /// rows of one action matching <paramref name="condition"/>; returns how many rows changed. Both may use
    /// <c>@now</c> and the named <paramref name="values"/>.</summary>
    public async Task<int> SetStateAsync(
        string actionId, IReadOnlyList<string> tenants, string assignments, string condition, DateTimeOffset now,
        IReadOnlyList<(string Name, object Value)> values, CancellationToken cancellationToken)
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
                foreach (var (name, value) in values)
                {
                    command.Parameters.AddWithValue(name, value);
                }

                return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }
        }
    }

    /// <summary>Reads every row, or the rows of the given items, ordered by action and tenant.</summary>
    public async Task<ImmutableArray<PostDeployJournalRow>> ReadAsync(
        IReadOnlyCollection<PostDeployWorkItem>? items, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
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
                            reader.IsDBNull(2) ? null : reader.GetString(2),
                            reader.GetBoolean(3),
                            Parse(reader.GetString(4)),
                            reader.IsDBNull(5) ? null : reader.GetString(5),
                            reader.GetInt32(6),
                            GetTime(reader, 7),
                            GetTime(reader, 8),
                            GetTime(reader, 9),
                            reader.IsDBNull(10) ? null : reader.GetString(10),
                            GetTime(reader, 11),
                            reader.IsDBNull(12) ? null : reader.GetString(12),
                            reader.IsDBNull(13) ? null : reader.GetString(13),
                            reader.GetInt64(14),
                            reader.IsDBNull(15) ? null : reader.GetInt64(15),
                            reader.IsDBNull(16) ? null : reader.GetString(16)));
                    }
                }

                return rows.ToImmutable();
            }
        }
    }

    /// <summary>The first line of an error for the report: exception type and message.</summary>
    public static string Summarize(Exception error)
    {
        var message = error.Message.ReplaceLineEndings(" ");
        var summary = error.GetType().Name + ": " + message;
        return summary.Length <= 500 ? summary : summary[..500];
    }

    private async Task<PostDeployClaimed?> ClaimAsync(
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
                        reader.IsDBNull(3) ? null : reader.GetString(3),
                        reader.GetInt64(4),
                        reader.IsDBNull(5) ? null : reader.GetInt64(5));
                }
            }
        }
    }

    private Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        DatabaseConnection.OpenAsync(_dataSource, cancellationToken);

    private static void AddKey(NpgsqlCommand command, PostDeployClaimed claim)
    {
        command.Parameters.Add(new NpgsqlParameter<string>("id", claim.Item.ActionId));
        command.Parameters.Add(new NpgsqlParameter<string>("tenant", claim.Item.Tenant));
        command.Parameters.Add(new NpgsqlParameter<Guid>("token", claim.Token));
    }

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
