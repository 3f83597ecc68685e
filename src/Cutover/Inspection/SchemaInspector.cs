using System.Collections.Immutable;
using System.Diagnostics;
using Cutover.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cutover.Inspection;

/// <summary>Reads a database's catalog into a <see cref="SchemaModel"/>, for comparison with another database's.</summary>
/// <remarks>Fourteen set-based catalog queries, one per kind of object however many objects there are, sent as two
/// batches on two connections that run at once: two round trips in all, and on large schemas about half the wall
/// time of one connection, because printing definitions dominates and runs in the server. Each batch is one implicit
/// transaction; the two are not one snapshot, so DDL committed during an inspection may show on one side only, as
/// with any catalog read that is not under a lock. Definitions are
/// normalised by the server (<c>pg_get_viewdef</c>, <c>pg_get_constraintdef</c>, <c>pg_get_indexdef</c>, ...) with
/// <c>search_path</c> set to <c>pg_catalog</c>, so user objects in them are always schema-qualified. Nothing is
/// written and no lock beyond catalog reads is taken. Thread-safe: one inspector can inspect several databases at
/// once.</remarks>
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
        var connection = await DatabaseConnection.OpenAsync(dataSource, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var major = connection.PostgreSqlVersion.Major;
            InspectionLog.Inspecting(_logger, connection.Host, connection.Port, connection.Database, major);

            var queries = CatalogQueries.Build(major, _options.IncludePrivileges);
            var results = new List<object>[queries.Count];
            var lanes = CatalogQueries.Lanes;
            await Task.WhenAll(
                ReadLaneAsync(connection, queries, lanes[0], results, cancellationToken),
                ReadLaneOnNewConnectionAsync(dataSource, queries, lanes[1], results, cancellationToken))
                .ConfigureAwait(false);

            var model = Assemble(results, major);
            var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var objectCount = CountObjects(model);
            InspectionLog.Inspected(
                _logger, connection.Database, model.Tables.Length, model.Routines.Length, objectCount, elapsedMs);
            return model;
        }
    }

    private async Task ReadLaneOnNewConnectionAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<string> queries, IReadOnlyList<int> lane, List<object>[] results,
        CancellationToken cancellationToken)
    {
        var connection = await DatabaseConnection.OpenAsync(dataSource, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ReadLaneAsync(connection, queries, lane, results, cancellationToken).ConfigureAwait(false);
        }
    }

    // One batch, one round trip: PostgreSQL runs the whole batch in one implicit transaction, which is what the
    // transaction-local search_path setting at its head relies on.
    private async Task ReadLaneAsync(
        NpgsqlConnection connection, IReadOnlyList<string> queries, IReadOnlyList<int> lane, List<object>[] results,
        CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection);
        await using (batch.ConfigureAwait(false))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(CatalogQueries.SetSearchPath));
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
