using System.Collections.Immutable;
using System.Text.Json;
using Cutover.Connections;
using Cutover.Execution;
using Cutover.Journal;
using Cutover.Planning;
using Cutover.Scripts;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.Snapshots;

public sealed partial class TemplateDatabaseCache
{
    private async Task<(SnapshotOrigin Origin, int Applied)> BuildAsync(
        NpgsqlConnection connection, MigrationSet scripts, SnapshotRequest request, SnapshotKey key, ServerFacts facts,
        CancellationToken cancellationToken)
    {
        var count = request.Stage.CountIn(scripts);
        var stage = request.Stage.ToString();
        var wanted = scripts.Scripts.Take(count).Select(SnapshotManifest.Entry).ToImmutableArray();
        var build = BuildPrefix + key.Short;
        var major = facts.MajorVersion;
        var store = StoreFor(major);

        // A build left by a process that died holding the lock: nobody else can be using it.
        await ExecuteAsync(connection, "DROP DATABASE IF EXISTS " + SqlIdentifier.Quote(build) + " WITH (FORCE)",
            cancellationToken).ConfigureAwait(false);

        SnapshotOrigin origin;
        var applied = 0;
        if (store is not null && store.Contains(key))
        {
            origin = SnapshotOrigin.Restored;
            var path = store.PathFor(key);
            SnapshotsLog.SnapshotBuilding(_logger, key.TemplateName, stage, count, origin, path);
            await ExecuteAsync(connection, CreateDatabaseSql(build, "template0", CloneStrategy.Auto, major), cancellationToken)
                .ConfigureAwait(false);
            await store.RestoreAsync(key, build, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var prefix = request.Build == SnapshotBuild.Replay
                ? FindLongestPrefix(await ReadTemplatesAsync(connection, cancellationToken).ConfigureAwait(false), wanted, facts,
                    JournalText(request.JournalTable))
                : null;
            if (prefix is not null)
            {
                origin = SnapshotOrigin.Extended;
                var source = prefix.Entry.TemplateName;
                SnapshotsLog.SnapshotBuilding(_logger, key.TemplateName, stage, count, origin, source);
                await ExecuteAsync(connection,
                    CreateDatabaseSql(build, prefix.Entry.TemplateName, ChooseStrategy(prefix.SizeBytes), major),
                    cancellationToken).ConfigureAwait(false);
            }
            else
            {
                origin = request.Build == SnapshotBuild.Install ? SnapshotOrigin.Installed : SnapshotOrigin.Replayed;
                SnapshotsLog.SnapshotBuilding(_logger, key.TemplateName, stage, count, origin, "template1");
                await ExecuteAsync(connection, CreateDatabaseSql(build, null, CloneStrategy.Auto, major), cancellationToken)
                    .ConfigureAwait(false);
            }

            try
            {
                applied = await ApplyAsync(build, scripts, count, request, cancellationToken).ConfigureAwait(false);
                if (store is not null)
                {
                    await store.SaveAsync(key, build, cancellationToken).ConfigureAwait(false);
                    var stored = store.PathFor(key);
                    SnapshotsLog.SnapshotStored(_logger, key.TemplateName, stored);
                }
            }
            catch
            {
                await ExecuteAsync(connection, "DROP DATABASE IF EXISTS " + SqlIdentifier.Quote(build) + " WITH (FORCE)",
                    CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }

        var manifest = new SnapshotManifest(1, key.Hex, stage, request.Build, facts.ToString(),
            _time.GetUtcNow(), JournalText(request.JournalTable), wanted);
        await PublishAsync(connection, build, key.TemplateName, manifest, cancellationToken).ConfigureAwait(false);
        return (origin, applied);
    }

    private async Task<int> ApplyAsync(
        string database, MigrationSet scripts, int count, SnapshotRequest request, CancellationToken cancellationToken)
    {
        var dataSource = CreateDataSource(database);
        await using (dataSource.ConfigureAwait(false))
        {
            // The journal a prefix template carries tells the migrator what is already there; a set cut to the stage
            // keeps it from going further.
            var stageSet = count == scripts.Scripts.Length
                ? scripts
                : MigrationSet.Create(scripts.Description,
                    scripts.Scripts.Take(count).Select(s => new ScriptFile(s.Name.FileName, s.Location, s.Body)), null);
            var migrator = new Migrator(dataSource, stageSet, _options.Migrator with { JournalTable = request.JournalTable },
                _loggerFactory?.CreateLogger<Migrator>(), _time);
            if (request.Build == SnapshotBuild.Install)
            {
                var installed = await migrator.InstallAsync(cancellationToken).ConfigureAwait(false);
                return installed.Recorded.Length;
            }

            var result = await migrator.UpgradeAsync(
                new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All) }, cancellationToken).ConfigureAwait(false);
            return result.Applied.Length;
        }
    }

    // Comment, template flags and name change in one transaction: a template name that exists is a finished one.
    private static async Task PublishAsync(
        NpgsqlConnection connection, string build, string template, SnapshotManifest manifest,
        CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(manifest, SnapshotJsonContext.Default.SnapshotManifest);
        var quotedBuild = SqlIdentifier.Quote(build);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    // COMMENT takes no parameters, so the manifest goes in as a quoted literal.
                    new NpgsqlBatchCommand("COMMENT ON DATABASE " + quotedBuild + " IS " + SqlIdentifier.QuoteLiteral(json)),
                    new NpgsqlBatchCommand("ALTER DATABASE " + quotedBuild + " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false"),
                    new NpgsqlBatchCommand("ALTER DATABASE " + quotedBuild + " RENAME TO " + SqlIdentifier.Quote(template)),
                },
            };
            await using (batch.ConfigureAwait(false))
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static TemplateRecord? FindLongestPrefix(
        IEnumerable<TemplateRecord> templates, ImmutableArray<string> wanted, ServerFacts facts, string journal)
    {
        var server = facts.ToString();
        TemplateRecord? best = null;
        foreach (var template in templates)
        {
            var held = template.Manifest.Scripts;
            if (template.Manifest.Build != SnapshotBuild.Replay ||
                !string.Equals(template.Manifest.Server, server, StringComparison.Ordinal) ||
                !string.Equals(template.Manifest.Journal, journal, StringComparison.Ordinal) ||
                held.Length > wanted.Length || held.Length <= (best?.Manifest.Scripts.Length ?? 0))
            {
                continue;
            }

            var isPrefix = true;
            for (var i = 0; i < held.Length && isPrefix; i++)
            {
                isPrefix = string.Equals(held[i], wanted[i], StringComparison.Ordinal);
            }

            if (isPrefix)
            {
                best = template;
            }
        }

        return best;
    }

    private static async Task<List<TemplateRecord>> ReadTemplatesAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Only finished templates: a build in progress is named cutover_bld_ and is no template yet.
        var command = new NpgsqlCommand(
            "SELECT d.datname, shobj_description(d.oid, 'pg_database'), pg_database_size(d.oid) FROM pg_database d " +
            "WHERE d.datistemplate AND starts_with(d.datname, $1)", connection)
        {
            Parameters = { new() { Value = SnapshotKey.TemplatePrefix } },
        };
        var templates = new List<TemplateRecord>();
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var name = reader.GetString(0);
                    var comment = reader.IsDBNull(1) ? null : reader.GetString(1);
                    if (TryReadManifest(comment) is not { } manifest)
                    {
                        continue;
                    }

                    var entry = new SnapshotEntry(name, manifest.Stage, manifest.Scripts.Length,
                        manifest.Scripts.IsEmpty ? null : manifest.Scripts[^1].Split('@')[0], manifest.Created);
                    templates.Add(new TemplateRecord(entry, manifest, reader.GetInt64(2)));
                }
            }
        }

        return templates;
    }

    private static SnapshotManifest? TryReadManifest(string? comment)
    {
        if (comment is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(comment, SnapshotJsonContext.Default.SnapshotManifest) is { Format: 1 } manifest
                ? manifest
                : null;
        }
        catch (JsonException)
        {
            // Someone else's comment on a database that happens to share the prefix: not ours.
            return null;
        }
    }

    private SnapshotStore? StoreFor(int majorVersion) => _options.StoreDirectory is { } directory
        ? new SnapshotStore(directory, new ClientPrograms(
            _options.ToolDirectory ?? ClientPrograms.DefaultToolDirectory(majorVersion), ServerBuilder()))
        : null;

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _maintenance.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            var builder = new NpgsqlConnectionStringBuilder(_maintenance.ConnectionString);
            throw new DatabaseUnavailableException(
                $"{builder.Host}:{builder.Port}/{builder.Database} as {builder.Username}", e);
        }
    }

    private static async Task<ServerFacts> ReadFactsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(
            "SELECT current_setting('server_version_num')::int / 10000, " +
            "coalesce(string_agg(extname || '=' || extversion, ',' ORDER BY extname), '') FROM pg_extension",
            connection);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                return new ServerFacts(reader.GetInt32(0), reader.GetString(1));
            }
        }
    }

    private static async Task<long?> SizeOfAsync(NpgsqlConnection connection, string template, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(
            "SELECT pg_database_size(oid) FROM pg_database WHERE datname = $1 AND datistemplate", connection)
        {
            Parameters = { new() { Value = template } },
        };
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long size ? size : null;
        }
    }

    private static async Task<bool> TryAdvisoryLockAsync(NpgsqlConnection connection, long lockId, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection)
        {
            Parameters = { new() { Value = lockId } },
        };
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
        }
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        await using (command.ConfigureAwait(false))
        {
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = parameter });
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string JournalText(JournalTableName table) => table.Schema + "." + table.Table;

    private sealed record TemplateRecord(SnapshotEntry Entry, SnapshotManifest Manifest, long SizeBytes);
}
