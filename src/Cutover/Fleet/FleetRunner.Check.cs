using Cutover.Connections;
using Cutover.Inspection;
using Npgsql;

namespace Cutover.Fleet;

public sealed partial class FleetRunner
{
    /// <summary>Compares every target with what its journal says it should be, as <c>cutover check --against</c>
    /// does for one database: <c>cutover fleet check</c>. A drifted target, or one that cannot be read, is reported
    /// and the others are checked all the same. Read-only on the targets.</summary>
    /// <param name="scratch">A server to replay each target's journal on, in scratch databases: never a production
    /// server.</param>
    /// <param name="options">What to compare; each target gets its own journal table and, for a schema target, its
    /// schema alone. Defaults when null.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <exception cref="FleetFileException">The file's connections or queries are bad.</exception>
    /// <exception cref="DatabaseUnavailableException">A query's server cannot be reached.</exception>
    public async Task<FleetCheckResult> CheckAsync(
        DatabaseServer scratch, SchemaCheckOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        options ??= new SchemaCheckOptions();
        var (targets, control) = await ExpandAsync(cancellationToken).ConfigureAwait(false);
        await control.DisposeAsync().ConfigureAwait(false);
        var checks = new FleetTargetCheck[targets.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, targets.Length),
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallel, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var target = targets[i];
                var dataSource = _pools.Rent(target.Settings);
                try
                {
                    checks[i] = await CheckOneAsync(target, dataSource, scratch, options, ct).ConfigureAwait(false);
                }
                finally
                {
                    await _pools.ReturnAsync(target.Settings).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        return new FleetCheckResult([.. checks]);
    }

    private async Task<FleetTargetCheck> CheckOneAsync(
        FleetTarget target, NpgsqlDataSource dataSource, DatabaseServer scratch, SchemaCheckOptions options,
        CancellationToken cancellationToken)
    {
        try
        {
            var journal = target.JournalFor(_options.Migrator.JournalTable);
            var inspection = options.Inspection with { ExcludedTables = [journal.ToString(), "public.cutover_post_deploy"] };
            if (target.Schema is { } schema)
            {
                // A tenant is its schema: the shared schemas and the other tenants are not its drift.
                inspection = inspection with
                {
                    ExcludedSchemas = [.. inspection.ExcludedSchemas,
                        .. await OtherSchemasAsync(dataSource, schema, cancellationToken).ConfigureAwait(false)],
                };
            }

            var comparison = await new SchemaCheck(scratch,
                    options with { JournalTable = journal, DefaultSchema = target.Schema, Inspection = inspection },
                    _loggerFactory)
                .CompareWithJournalAsync(_scripts, dataSource, cancellationToken).ConfigureAwait(false);
            var differences = comparison.Differences.Count(d => d.Kind != DifferenceKind.Note);
            return new FleetTargetCheck(target.Name, target.Kind, !comparison.IsEquivalent, differences,
                comparison.IsEquivalent ? null : SchemaComparisonFormatter.Format(comparison), null);
        }
        catch (Exception e) when (e is CutoverException or NpgsqlException or TimeoutException)
        {
            return new FleetTargetCheck(target.Name, target.Kind, false, 0, null, e.Message.ReplaceLineEndings(" ").Trim());
        }
    }

    private static async Task<List<string>> OtherSchemasAsync(
        NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        var connection = await DatabaseConnection.OpenAsync(dataSource, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand(
                "SELECT nspname FROM pg_namespace WHERE nspname <> $1 AND nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'",
                connection) { Parameters = { new NpgsqlParameter<string> { TypedValue = schema } } };
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var names = new List<string>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        names.Add(reader.GetString(0));
                    }

                    return names;
                }
            }
        }
    }
}
