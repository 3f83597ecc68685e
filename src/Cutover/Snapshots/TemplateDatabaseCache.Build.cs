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
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    private async Task<(SnapshotOrigin Origin, int Applied)> BuildAsync(
        NpgsqlConnection connection, MigrationSet scripts, SnapshotRequest request, SnapshotKey key, ServerFacts facts,
        CancellationToken cancellationToken)
    {
        var count = request.Stage.CountIn(scripts);
        var stage = request.Stage.ToString();
        var wanted = scripts.Scripts.Take(count).Select(SnapshotManifest.Entry).ToImmutableArray();
        var major = facts.MajorVersion;
        var store = StoreFor(major);

        // A name of its own: the advisory lock is per database, so callers whose maintenance databases differ are not
        // serialised by it, and must not trample each other's builds. The rename below settles who publishes.
        var build = BuildPrefix + key.Short + "_" + Guid.NewGuid().ToString("N")[..8];
        SnapshotOrigin origin;
        string source;
        string? template = null;
        long templateSize = 0;
        if (store is not null && store.Contains(key))
        {
            (origin, source) = (SnapshotOrigin.Restored, store.PathFor(key));
        }
        else
        {
            var prefix = request.Build == SnapshotBuild.Replay
                ? FindLongestPrefix(await ReadTemplatesAsync(connection, cancellationToken).ConfigureAwait(false), wanted,
                    facts, JournalText(request.JournalTable))
                : null;
            (origin, source) = prefix is not null
                ? (SnapshotOrigin.Extended, prefix.Entry.TemplateName)
                : (request.Build == SnapshotBuild.Install ? SnapshotOrigin.Installed : SnapshotOrigin.Replayed, "template1");
            template = prefix?.Entry.TemplateName;
            templateSize = prefix?.SizeBytes ?? 0;
        }

        SnapshotsLog.SnapshotBuilding(_logger, key.TemplateName, stage, count, origin, source);
        var applied = 0;
        try
        {
            if (origin == SnapshotOrigin.Restored)
            {
                await ExecuteAsync(connection, CreateDatabaseSql(build, "template0", CloneStrategy.Auto, major),
                    cancellationToken).ConfigureAwait(false);
                await store!.RestoreAsync(key, build, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var strategy = template is null ? CloneStrategy.Auto : ChooseStrategy(templateSize);
                await ExecuteAsync(connection, CreateDatabaseSql(build, template, strategy, major), cancellationToken)
                    .ConfigureAwait(false);
                applied = await ApplyAsync(build, scripts, count, request, cancellationToken).ConfigureAwait(false);
                if (store is not null)
                {
                    await store.SaveAsync(key, build, cancellationToken).ConfigureAwait(false);
                    var stored = store.PathFor(key);
                    SnapshotsLog.SnapshotStored(_logger, key.TemplateName, stored);
                }
            }

            var manifest = new SnapshotManifest(1, key.Hex, stage, request.Build, facts.ToString(),
                _time.GetUtcNow(), JournalText(request.JournalTable), wanted);
            if (!await TryPublishAsync(connection, build, key.TemplateName, manifest, cancellationToken).ConfigureAwait(false))
            {
                // Someone on another maintenance database published the same key first: theirs is as good.
                await DropQuietlyAsync(connection, build).ConfigureAwait(false);
                return (SnapshotOrigin.Cached, 0);
            }
        }
        catch
        {
            await DropQuietlyAsync(connection, build).ConfigureAwait(false);
            throw;
        }

        return (origin, applied);
    }

    private static async Task DropQuietlyAsync(NpgsqlConnection connection, string database)
    {
        try
        {
            await ExecuteAsync(connection, "DROP DATABASE IF EXISTS " + SqlIdentifier.Quote(database) + " WITH (FORCE)",
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // Cleaning up after a failure must not hide the failure; prune removes what is left.
        }
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
            var migrator = new Migrator(dataSource, stageSet,
                _options.Migrator with { JournalTable = request.JournalTable, CreateMissingJournalSchema = true },
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
    private static async Task<bool> TryPublishAsync(
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
                try
                {
                    await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
                {
                    return false;
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
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

    private static async Task<List<string>> ReadBuildsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(
            "SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND length(datname) >= $2", connection)
        {
            Parameters = { new() { Value = BuildPrefix }, new() { Value = BuildPrefix.Length + 16 } },
        };
        var builds = new List<string>();
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    builds.Add(reader.GetString(0));
                }
            }
        }

        return builds.Where(b => !b.AsSpan(BuildPrefix.Length, 16).ContainsAnyExcept(HexDigits)).ToList();
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
            _options.ToolDirectory ?? ClientPrograms.DefaultToolDirectory(majorVersion), _server.EnvironmentFor(null)))
        : null;

    private Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        DatabaseConnection.OpenAsync(_maintenance, cancellationToken);

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
