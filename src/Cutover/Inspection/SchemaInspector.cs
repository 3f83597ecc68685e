using System.Collections.Immutable;
using System.Data;
using System.Diagnostics;
using Cutover.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cutover.Inspection;

/// <summary>Reads a database's catalog into a <see cref="SchemaModel"/>, for comparison with another database's.</summary>
/// <remarks>Fourteen set-based catalog queries, one per kind of object however many objects there are, sent as two
/// batches on two connections that run at once: two round trips in all, and on large schemas about half the wall
/// time of one connection, because printing definitions dominates and runs in the server. Both connections read one
/// snapshot, as pg_dump's parallel workers do: the first runs in a <c>REPEATABLE READ</c> transaction that exports its
/// snapshot (<c>pg_export_snapshot()</c>), the second imports it (<c>SET TRANSACTION SNAPSHOT</c>), so DDL committed
/// during an inspection shows on neither side or, if it committed before, on both. (The <c>pg_get_*def</c>
/// functions print the catalog as it is now, not as of the snapshot, as in pg_dump; only which objects are listed
/// follows the snapshot.) Definitions are normalised by the server (<c>pg_get_viewdef</c>,
/// <c>pg_get_constraintdef</c>, <c>pg_get_indexdef</c>, ...) with <c>search_path</c> set to <c>pg_catalog</c>, so
/// user objects in them are always schema-qualified. Nothing is written and no lock beyond catalog reads is taken.
/// Thread-safe: one inspector can inspect several databases at once.</remarks>
internal sealed partial class SchemaInspector
{
    private readonly InspectionOptions _options;
    private readonly ILogger<SchemaInspector> _logger;
    private readonly ImmutableHashSet<(string Schema, string Table)> _excludedTables;

    /// <summary>Creates an inspector.</summary>
    /// <param name="options">What to leave out and add; <see cref="InspectionOptions"/>' defaults when null.</param>
    /// <param name="logger">Where to log; nowhere when null.</param>
    /// <exception cref="ArgumentException">An excluded table is not written <c>schema.table</c>, or an excluded
    /// schema is empty.</exception>
    public SchemaInspector(InspectionOptions? options = null, ILogger<SchemaInspector>? logger = null)
    {
        _options = options ?? new InspectionOptions();
        _logger = logger ?? NullLogger<SchemaInspector>.Instance;

        var problems = new List<string>();
        var excluded = ImmutableHashSet.CreateBuilder<(string, string)>();
        foreach (var table in _options.ExcludedTables.IsDefault ? [] : _options.ExcludedTables)
        {
            var dot = table?.IndexOf('.', StringComparison.Ordinal) ?? -1;
            if (table is null || dot <= 0 || dot == table.Length - 1)
            {
                problems.Add($"excluded table '{table}' is not written schema.table");
                continue;
            }

            excluded.Add((table[..dot], table[(dot + 1)..]));
        }

        foreach (var schema in _options.ExcludedSchemas.IsDefault ? [] : _options.ExcludedSchemas)
        {
            if (string.IsNullOrEmpty(schema))
            {
                problems.Add("an excluded schema name is empty");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        _excludedTables = excluded.ToImmutable();
    }

    /// <summary>Reads the structure of the database <paramref name="dataSource"/> connects to.</summary>
    /// <param name="dataSource">The database to inspect; any role that can read the catalog will do.</param>
    /// <param name="cancellationToken">Cancels the catalog queries.</param>
    /// <returns>The model, every list sorted by name.</returns>
    /// <exception cref="DatabaseUnavailableException">The database cannot be reached.</exception>
    /// <exception cref="NpgsqlException">A catalog query failed.</exception>
    public async Task<SchemaModel> InspectAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var started = Stopwatch.GetTimestamp();

        // Both connections are opened at once, so the second's set-up (a server process, authentication) costs no
        // wall time of its own.
        var (first, second) = await OpenPairAsync(dataSource, cancellationToken).ConfigureAwait(false);
        await using (first.ConfigureAwait(false))
        await using (second.ConfigureAwait(false))
        {
            var major = first.PostgreSqlVersion.Major;
            InspectionLog.Inspecting(_logger, first.Host, first.Port, first.Database, major);

            var queries = CatalogQueries.Build(major, _options.IncludePrivileges);
            var results = new List<object>[queries.Count];
            var lanes = CatalogQueries.Lanes;

            // REPEATABLE READ: every query of a batch reads the snapshot its transaction took first. Npgsql sends the
            // BEGIN with the batch, so this costs no round trip. Both transactions stay open until both batches are
            // read, which keeps the exported snapshot importable for as long as the second connection may need it.
            var firstTransaction = await first.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken)
                .ConfigureAwait(false);
            await using (firstTransaction.ConfigureAwait(false))
            {
                var secondTransaction = await second.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken)
                    .ConfigureAwait(false);
                await using (secondTransaction.ConfigureAwait(false))
                {
                    var exported = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                    await Task.WhenAll(
                        ReadExportingLaneAsync(first, major, queries, lanes[0], results, exported, cancellationToken),
                        ReadImportingLaneAsync(second, major, queries, lanes[1], results, exported.Task, cancellationToken))
                        .ConfigureAwait(false);
                }
            }

            var model = Assemble(results, major);
            var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var objectCount = CountObjects(model);
            InspectionLog.Inspected(
                _logger, first.Database, model.Tables.Length, model.Routines.Length, objectCount, elapsedMs);
            return model;
        }
    }

    /// <summary>Runs between the first connection's export of its snapshot and the second connection's import of it;
    /// for tests that commit DDL there, to prove both read one snapshot.</summary>
    internal Func<CancellationToken, Task>? SnapshotExported { get; init; }

    private static async Task<(NpgsqlConnection First, NpgsqlConnection Second)> OpenPairAsync(
        NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var first = DatabaseConnection.OpenAsync(dataSource, cancellationToken);
        var second = DatabaseConnection.OpenAsync(dataSource, cancellationToken);
        try
        {
            await Task.WhenAll(first, second).ConfigureAwait(false);
        }
        catch
        {
            // The one that did open goes back to the pool.
            foreach (var opened in new[] { first, second }.Where(t => t.IsCompletedSuccessfully))
            {
                await opened.Result.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        return (first.Result, second.Result);
    }

    // The first lane's batch starts with pg_export_snapshot(): its id is known as soon as the first row arrives, while
    // the server goes on with the rest of the batch.
    private async Task ReadExportingLaneAsync(
        NpgsqlConnection connection, int major, IReadOnlyList<string> queries, IReadOnlyList<int> lane,
        List<object>[] results, TaskCompletionSource<string> exported, CancellationToken cancellationToken)
    {
        try
        {
            await ReadLaneAsync(connection, [CatalogQueries.ExportSnapshot(major)], queries, lane, results,
                head => exported.TrySetResult(head.GetString(0)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The second lane waits for the id: it must not wait for ever.
            exported.TrySetException(e);
            throw;
        }
    }

    // SET TRANSACTION SNAPSHOT must come before any query of the transaction: first in the batch, right after BEGIN.
    private async Task ReadImportingLaneAsync(
        NpgsqlConnection connection, int major, IReadOnlyList<string> queries, IReadOnlyList<int> lane,
        List<object>[] results, Task<string> exported, CancellationToken cancellationToken)
    {
        var snapshotId = await exported.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (SnapshotExported is { } hook)
        {
            await hook(cancellationToken).ConfigureAwait(false);
        }

        await ReadLaneAsync(connection, [CatalogQueries.ImportSnapshot(snapshotId), CatalogQueries.SetSettings(major)],
            queries, lane, results, null, cancellationToken).ConfigureAwait(false);
    }

    // One batch, one round trip. The head statements set the transaction up (snapshot, transaction-local settings);
    // the last of them returns one row, which readHead sees, and the lane's queries follow.
    private async Task ReadLaneAsync(
        NpgsqlConnection connection, IReadOnlyList<string> head, IReadOnlyList<string> queries, IReadOnlyList<int> lane,
        List<object>[] results, Action<NpgsqlDataReader>? readHead, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection);
        await using (batch.ConfigureAwait(false))
        {
            foreach (var statement in head)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
            }

            var excludedSchemas = _options.ExcludedSchemas.IsDefault ? [] : _options.ExcludedSchemas.ToArray();
            foreach (var index in lane)
            {
                InspectionLog.CatalogQuery(_logger, queries[index]);
                var command = new NpgsqlBatchCommand(queries[index]);
                command.Parameters.Add(new NpgsqlParameter { Value = excludedSchemas });
                batch.BatchCommands.Add(command);
            }

            var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                // The reader skips statements that return no rows (SET), so it starts on the head's row.
                if (readHead is not null && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    readHead(reader);
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                foreach (var index in lane)
                {
                    var read = RowReader(index);
                    var rows = new List<object>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        if (read(reader) is { } row)
                        {
                            rows.Add(row);
                        }
                    }

                    results[index] = rows;
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static int CountObjects(SchemaModel model) =>
        model.Schemas.Length + model.Extensions.Length + model.Tables.Length + model.Columns.Length +
        model.Constraints.Length + model.Indexes.Length + model.Sequences.Length + model.Views.Length +
        model.Routines.Length + model.Triggers.Length + model.Rules.Length + model.Policies.Length +
        model.Enums.Length + model.Domains.Length + model.CompositeTypes.Length;

    private bool IsExcluded(string schema, string table) => _excludedTables.Contains((schema, table));
}
