using System.Collections.Immutable;
using Npgsql;

namespace Cutover.Execution;

/// <summary>An index the server marks INVALID (<c>pg_index.indisvalid</c> false): what an interrupted or failed
/// <c>CREATE INDEX CONCURRENTLY</c> or <c>REINDEX ... CONCURRENTLY</c> leaves behind. The planner never uses it,
/// yet it is kept up to date on every write, and <c>CREATE INDEX ... IF NOT EXISTS</c> skips it.</summary>
/// <param name="Schema">The index's schema.</param>
/// <param name="Name">The index's name.</param>
/// <param name="TableSchema">The schema of the table it indexes.</param>
/// <param name="Table">The table it indexes.</param>
public sealed record InvalidIndex(string Schema, string Name, string TableSchema, string Table)
{
    /// <summary>The quoted, schema-qualified name, ready for <c>DROP INDEX CONCURRENTLY</c>.</summary>
    public string QualifiedName => SqlIdentifier.Quote(Schema, Name);

    /// <summary>Whether its table is the one an unqualified name finds through the connection's
    /// <c>search_path</c>: tells a tenant schema's index from another tenant's of the same name.</summary>
    internal bool TableIsVisible { get; init; } = true;

    /// <summary>Every invalid index of the database, outside the system schemas.</summary>
    internal static async Task<ImmutableArray<InvalidIndex>> FindAllAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(
            """
            SELECT n.nspname, c.relname, tn.nspname, t.relname, pg_table_is_visible(t.oid)
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
            WHERE NOT i.indisvalid
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
            ORDER BY 1, 2
            """, connection);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var found = ImmutableArray.CreateBuilder<InvalidIndex>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    found.Add(new InvalidIndex(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                        reader.GetString(3)) { TableIsVisible = reader.GetBoolean(4) });
                }

                return found.ToImmutable();
            }
        }
    }
}
