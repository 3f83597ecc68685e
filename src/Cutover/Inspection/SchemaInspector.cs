using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cutover.Inspection;

/// <summary>Reads a database's catalog into a <see cref="SchemaModel"/>, for comparison with another database's.</summary>
/// <remarks>One connection and one round trip: the catalog queries (one per kind of object, however many objects
/// there are) go in a single batch, which PostgreSQL runs in one implicit read-only transaction. Definitions are
/// normalised by the server (<c>pg_get_viewdef</c>, <c>pg_get_constraintdef</c>, <c>pg_get_indexdef</c>, ...) with
/// <c>search_path</c> set to <c>pg_catalog</c>, so user objects in them are always schema-qualified. Nothing is
/// written and no lock beyond catalog reads is taken. Thread-safe: one inspector can inspect several databases at
/// once.</remarks>
public sealed partial class SchemaInspector
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
    /// <exception cref="NpgsqlException">The database could not be reached or a catalog query failed.</exception>
    public async Task<SchemaModel> InspectAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var started = Stopwatch.GetTimestamp();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var major = connection.PostgreSqlVersion.Major;
            InspectionLog.Inspecting(_logger, connection.Host, connection.Port, connection.Database, major);

            var batch = new NpgsqlBatch(connection);
            await using (batch.ConfigureAwait(false))
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(CatalogQueries.SetSearchPath));
                var excludedSchemas = _options.ExcludedSchemas.IsDefault ? [] : _options.ExcludedSchemas.ToArray();
                foreach (var sql in CatalogQueries.Build(major, _options.IncludePrivileges))
                {
                    InspectionLog.CatalogQuery(_logger, sql);
                    var command = new NpgsqlBatchCommand(sql);
                    command.Parameters.Add(new NpgsqlParameter { Value = excludedSchemas });
                    batch.BatchCommands.Add(command);
                }

                var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var model = await ReadModelAsync(reader, major, cancellationToken).ConfigureAwait(false);
                    var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    var objectCount = CountObjects(model);
                    InspectionLog.Inspected(
                        _logger, connection.Database, model.Tables.Length, model.Routines.Length, objectCount,
                        elapsedMs);

                    return model;
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
