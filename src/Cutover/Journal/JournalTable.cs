using System.Collections.Immutable;
using System.Reflection;
using Cutover.Scripts;
using Npgsql;
using NpgsqlTypes;

namespace Cutover.Journal;

/// <summary>Reads and writes the journal table on a given connection. Every statement quotes the table name through
/// <see cref="SqlIdentifier"/> and passes values as parameters.</summary>
internal sealed class JournalTable
{
    private static readonly string s_toolVersion =
        typeof(JournalTable).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0] ?? "0.0.0";

    /// <param name="name">The table.</param>
    /// <param name="createsMissingSchema">Whether a missing schema is created with the table rather than refused; see
    /// <see cref="Execution.MigratorOptions.CreateMissingJournalSchema"/>.</param>
    public JournalTable(JournalTableName name, bool createsMissingSchema = false)
    {
        Name = name;
        CreatesMissingSchema = createsMissingSchema;
    }

    public JournalTableName Name { get; }

    public bool CreatesMissingSchema { get; }

    public static string ToolVersion => s_toolVersion;

    /// <summary>The DDL, also printed by <c>cutover script</c>. Idempotent.</summary>
    /// <remarks>No <c>CREATE SCHEMA IF NOT EXISTS</c> unless <see cref="CreatesMissingSchema"/>: PostgreSQL checks
    /// the CREATE privilege on the database before it looks whether the schema exists, so a deployer that owns only
    /// its schema could not run it.</remarks>
    public string CreateSql =>
        (CreatesMissingSchema ? $"CREATE SCHEMA IF NOT EXISTS {SqlIdentifier.Quote(Name.Schema)};\n" : "") +
        $"""
        CREATE TABLE IF NOT EXISTS {Name.Quoted} (
            name         text PRIMARY KEY,
            version      text NOT NULL,
            serial       integer,
            phase        text NOT NULL CHECK (phase IN ('pre', 'post')),
            checksum     text NOT NULL,
            kind         text NOT NULL CHECK (kind IN ('applied', 'baseline', 'schema', 'adopted')),
            state        text NOT NULL CHECK (state IN ('succeeded', 'running', 'failed')),
            applied_at   timestamptz NOT NULL DEFAULT now(),
            applied_by   text NOT NULL,
            duration_ms  bigint,
            tool_version text NOT NULL,
            error        text,
            adopted_from text
        )
        """;

    /// <summary>Whether the table exists.</summary>
    /// <exception cref="ForeignJournalTableException">A table of that name exists but is not a Cutover journal (another
    /// tool's history, say).</exception>
    public async Task<bool> ExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // One round trip answers both questions: whether the table exists, and whether it is a journal at all. A
        // Pum user who types the seed's `--table public.pum` points Cutover at Pum's own history table.
        var command = new NpgsqlCommand(
            "SELECT t.oid IS NOT NULL, EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'kind' " +
            "AND NOT a.attisdropped) FROM (SELECT to_regclass($1) AS oid) t",
            connection)
        {
            Parameters = { new() { Value = Name.Quoted } },
        };
        bool exists, isJournal;
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                exists = reader.GetBoolean(0);
                isJournal = reader.GetBoolean(1);
            }
        }

        if (exists && !isJournal)
        {
            var columns = await Adoption.HistoryTableColumns.ReadAsync(connection, Name, cancellationToken)
                .ConfigureAwait(false);
            throw new ForeignJournalTableException(Name, Adoption.HistoryTableColumns.Recognize(columns));
        }

        return exists;
    }

    /// <summary>Throws when the table's schema does not exist and is not to be created: checked wherever the table
    /// would be created or read, so that a mistyped schema fails before anything is applied.</summary>
    /// <exception cref="JournalSchemaNotFoundException">The schema does not exist.</exception>
    public async Task ThrowIfSchemaMissingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (CreatesMissingSchema)
        {
            return;
        }

        var command = new NpgsqlCommand("SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = $1)", connection)
        {
            Parameters = { Text(Name.Schema) },
        };
        await using (command.ConfigureAwait(false))
        {
            if (!(bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                throw new JournalSchemaNotFoundException(Name);
            }
        }
    }

    /// <summary>Creates the table unless it exists. Run it under the deploy lock: two concurrent
    /// <c>CREATE TABLE IF NOT EXISTS</c> can still collide on the catalog's unique indexes.</summary>
    /// <exception cref="JournalSchemaNotFoundException">The schema does not exist.</exception>
    public async Task<bool> EnsureCreatedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await ThrowIfSchemaMissingAsync(connection, cancellationToken).ConfigureAwait(false);

        var batch = new NpgsqlBatch(connection);
        await using (batch.ConfigureAwait(false))
        {
            foreach (var statement in CreateSql.Split(";\n", StringSplitOptions.RemoveEmptyEntries))
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Reads every row, or none when the table does not exist.</summary>
    /// <exception cref="JournalSchemaNotFoundException">Not even the table's schema exists.</exception>
    public async Task<ImmutableArray<JournalRow>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (await ReadIfExistsAsync(connection, cancellationToken).ConfigureAwait(false) is { } rows)
        {
            return rows;
        }

        // Read-only commands (status, validate, script, a dry run) say so too, instead of "nothing applied yet".
        await ThrowIfSchemaMissingAsync(connection, cancellationToken).ConfigureAwait(false);
        return [];
    }

    /// <summary>Reads every row, or returns null when the table does not exist (its schema unchecked).</summary>
    public async Task<ImmutableArray<JournalRow>?> ReadIfExistsAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var rows = ImmutableArray.CreateBuilder<JournalRow>();
        var command = new NpgsqlCommand(
            $"SELECT name, version, serial, phase, checksum, kind, state, applied_at, applied_by, duration_ms, " +
            $"tool_version, error FROM {Name.Quoted} ORDER BY applied_at, name",
            connection);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(new JournalRow(
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.IsDBNull(2) ? null : reader.GetInt32(2),
                        ParsePhase(reader.GetString(3)),
                        reader.GetString(4),
                        ParseKind(reader.GetString(5)),
                        ParseState(reader.GetString(6)),
                        reader.GetFieldValue<DateTimeOffset>(7),
                        reader.GetString(8),
                        reader.IsDBNull(9) ? null : reader.GetInt64(9),
                        reader.GetString(10),
                        reader.IsDBNull(11) ? null : reader.GetString(11)));
                }
            }
        }

        return rows.ToImmutable();
    }

    /// <summary>A command that records <paramref name="script"/>; it joins the script's own batch so both commit
    /// together.</summary>
    public NpgsqlBatchCommand InsertCommand(
        MigrationScript script, JournalEntryKind kind, JournalState state, long? durationMs, string appliedBy) =>
        WithScript(new(InsertSql), script,
            Text(FormatKind(kind)),
            Text(FormatState(state)),
            Text(appliedBy),
            new() { Value = (object?)durationMs ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint },
            Text(ToolVersion));

    /// <summary>The same insert as <see cref="InsertCommand"/>, as literal SQL for printed scripts.</summary>
    public string InsertLiteralSql(MigrationScript script, JournalEntryKind kind) =>
        $"INSERT INTO {Name.Quoted} (name, version, serial, phase, checksum, kind, state, applied_by, duration_ms, tool_version) " +
        $"VALUES ({SqlIdentifier.QuoteLiteral(script.Name.Name)}, {SqlIdentifier.QuoteLiteral(script.Name.Version.Text)}, " +
        $"{(script.Name.Serial is { } serial ? serial.ToString(System.Globalization.CultureInfo.InvariantCulture) : "NULL")}, " +
        $"{SqlIdentifier.QuoteLiteral(FormatPhase(script.Phase))}, {SqlIdentifier.QuoteLiteral(script.Checksum)}, " +
        $"{SqlIdentifier.QuoteLiteral(FormatKind(kind))}, 'succeeded', current_user, NULL, {SqlIdentifier.QuoteLiteral(ToolVersion)});";

    /// <summary>Commands that bring a journal created by an earlier Cutover up to this one's shape for adopted rows:
    /// the <c>adopted_from</c> column and <c>adopted</c> among the kinds. Idempotent; run under the deploy lock, in
    /// the transaction that adopts, so a refused adoption leaves the table as it was.</summary>
    public async Task WidenForAdoptionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // The CHECK was created inline, so its name is PostgreSQL's choice (<table>_kind_check, truncated to 63
        // bytes): find it by what it checks rather than by name.
        var find = new NpgsqlCommand(
            "SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c' " +
            "AND pg_get_constraintdef(oid) LIKE '%kind%' AND pg_get_constraintdef(oid) NOT LIKE '%adopted%'",
            connection)
        {
            Parameters = { Text(Name.Quoted) },
        };
        var narrow = new List<string>();
        await using (find.ConfigureAwait(false))
        {
            var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    narrow.Add(reader.GetString(0));
                }
            }
        }

        var batch = new NpgsqlBatch(connection);
        await using (batch.ConfigureAwait(false))
        {
            batch.BatchCommands.Add(new($"ALTER TABLE {Name.Quoted} ADD COLUMN IF NOT EXISTS adopted_from text"));
            foreach (var constraint in narrow)
            {
                batch.BatchCommands.Add(new($"ALTER TABLE {Name.Quoted} DROP CONSTRAINT {SqlIdentifier.Quote(constraint)}"));
            }

            if (narrow.Count > 0)
            {
                batch.BatchCommands.Add(new(
                    $"ALTER TABLE {Name.Quoted} ADD CONSTRAINT {SqlIdentifier.Quote(narrow[0])} " +
                    "CHECK (kind IN ('applied', 'baseline', 'schema', 'adopted'))"));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A command that records <paramref name="script"/> as adopted from another tool's history, with the
    /// time and duration that tool recorded (now and none when it recorded neither).</summary>
    public NpgsqlBatchCommand AdoptCommand(
        MigrationScript script, DateTimeOffset? appliedAt, long? durationMs, string appliedBy, string adoptedFrom) =>
        WithScript(
            new($"INSERT INTO {Name.Quoted} (name, version, serial, phase, checksum, kind, state, applied_at, applied_by, " +
                 "duration_ms, tool_version, adopted_from) VALUES ($1, $2, $3, $4, $5, 'adopted', 'succeeded', " +
                 "COALESCE($6, now()), $7, $8, $9, $10)"),
            script,
            new() { Value = (object?)appliedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            Text(appliedBy),
            new() { Value = (object?)durationMs ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint },
            Text(ToolVersion),
            Text(adoptedFrom));

    /// <summary>Adds the script's own columns ($1 to $5: name, version, serial, phase, checksum), then
    /// <paramref name="rest"/>.</summary>
    private static NpgsqlBatchCommand WithScript(NpgsqlBatchCommand command, MigrationScript script, params NpgsqlParameter[] rest)
    {
        command.Parameters.Add(Text(script.Name.Name));
        command.Parameters.Add(Text(script.Name.Version.Text));
        command.Parameters.Add(new() { Value = (object?)script.Name.Serial ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(Text(FormatPhase(script.Phase)));
        command.Parameters.Add(Text(script.Checksum));
        foreach (var parameter in rest)
        {
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public NpgsqlBatchCommand FinishCommand(string name, JournalState state, long durationMs, string? error) =>
        new($"UPDATE {Name.Quoted} SET state = $2, duration_ms = $3, error = $4 WHERE name = $1")
        {
            Parameters =
            {
                Text(name),
                Text(FormatState(state)),
                new() { Value = durationMs, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            },
        };

    public NpgsqlBatchCommand DeleteCommand(string name) =>
        new($"DELETE FROM {Name.Quoted} WHERE name = $1") { Parameters = { Text(name) } };

    public NpgsqlBatchCommand UpdateChecksumCommand(string name, string checksum) =>
        new($"UPDATE {Name.Quoted} SET checksum = $2 WHERE name = $1") { Parameters = { Text(name), Text(checksum) } };

    internal static string FormatPhase(Phase phase) => phase == Phase.Pre ? "pre" : "post";

    private static Phase ParsePhase(string text) =>
        string.Equals(text, "post", StringComparison.Ordinal) ? Phase.Post : Phase.Pre;

    private static string FormatKind(JournalEntryKind kind) => kind switch
    {
        JournalEntryKind.Applied => "applied",
        JournalEntryKind.Baseline => "baseline",
        JournalEntryKind.Adopted => "adopted",
        _ => "schema",
    };

    private static string FormatState(JournalState state) => state switch
    {
        JournalState.Succeeded => "succeeded",
        JournalState.Running => "running",
        _ => "failed",
    };

    // The table's CHECK constraints admit only these words.
    private static JournalEntryKind ParseKind(string text) => text switch
    {
        "applied" => JournalEntryKind.Applied,
        "baseline" => JournalEntryKind.Baseline,
        "schema" => JournalEntryKind.Schema,
        "adopted" => JournalEntryKind.Adopted,
        _ => throw new InvalidDataException($"journal kind '{text}' is none of applied, baseline, schema, adopted"),
    };

    private static JournalState ParseState(string text) => text switch
    {
        "succeeded" => JournalState.Succeeded,
        "running" => JournalState.Running,
        "failed" => JournalState.Failed,
        _ => throw new InvalidDataException($"journal state '{text}' is none of succeeded, running, failed"),
    };

    private static NpgsqlParameter Text(string value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Text };

    private string InsertSql =>
        $"INSERT INTO {Name.Quoted} (name, version, serial, phase, checksum, kind, state, applied_by, duration_ms, tool_version) " +
        // A null duration means "measure it here": now() is the transaction's start, clock_timestamp() the present.
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE($9, (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint), $10)";
}
