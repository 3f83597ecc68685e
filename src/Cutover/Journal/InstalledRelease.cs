using Cutover.Connections;
using Cutover.Scripts;
using Npgsql;

namespace Cutover.Journal;

/// <summary>The release a database was installed at from <c>schema.sql</c> (<c>cutover install</c>), as its journal
/// records it.</summary>
/// <remarks>Post-deploy actions use it to tell a database that lived through a release, whose old data an action must
/// fix, from one born after it, which never had that data.</remarks>
public static class InstalledRelease
{
    /// <summary>Reads the highest version <c>cutover install</c> recorded in the journal; null when the database was
    /// built by migrations alone, or has no journal.</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="journal">The journal table; <see cref="JournalTableName.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="DatabaseUnavailableException">The database cannot be reached.</exception>
    public static async Task<ScriptVersion?> ReadAsync(
        NpgsqlDataSource dataSource, JournalTableName? journal = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var table = journal ?? JournalTableName.Default;
        var connection = await DatabaseConnection.OpenAsync(dataSource, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var exists = new NpgsqlCommand("SELECT to_regclass(@name) IS NOT NULL", connection);
            await using (exists.ConfigureAwait(false))
            {
                exists.Parameters.AddWithValue("name", table.Quoted);
                if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                {
                    return null;
                }
            }

            var command = new NpgsqlCommand($"SELECT DISTINCT version FROM {table.Quoted} WHERE kind = 'schema'", connection);
            await using (command.ConfigureAwait(false))
            {
                ScriptVersion? highest = null;
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        // Versions compare as numbers (1.10 after 1.9), which the text column cannot do in SQL.
                        if (ScriptVersion.TryParse(reader.GetString(0), out var version) &&
                            (highest is null || version.CompareTo(highest.Value) > 0))
                        {
                            highest = version;
                        }
                    }
                }

                return highest;
            }
        }
    }
}
