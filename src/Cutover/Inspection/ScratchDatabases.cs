using System.Globalization;
using Cutover.Connections;
using Npgsql;

namespace Cutover.Inspection;

/// <summary>Creates and drops throwaway databases on a server the caller chooses: a scratch server given with
/// <c>--scratch</c>, or a throwaway server from Cutover.Testing (<c>ThrowawayServer.Scratch()</c>).</summary>
/// <param name="maintenance">A data source on the server's maintenance database, for CREATE and DROP DATABASE.</param>
/// <param name="connectTo">Makes a data source for a database on the same server, by name.</param>
public sealed class ScratchDatabases(NpgsqlDataSource maintenance, Func<string, NpgsqlDataSource> connectTo)
{
    private int _counter;

    /// <summary>Creates an empty database whose name says what it is for.</summary>
    /// <exception cref="DatabaseUnavailableException">The server cannot be reached.</exception>
    public async Task<ScratchDatabase> CreateAsync(string purpose, CancellationToken cancellationToken = default)
    {
        var name = "cutover_scratch_" + purpose + "_" +
            Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture) + "_" +
            Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync("CREATE DATABASE " + SqlIdentifier.Quote(name), cancellationToken).ConfigureAwait(false);
        return new ScratchDatabase(name, connectTo(name), DropAsync);
    }

    private Task DropAsync(string name, CancellationToken cancellationToken) =>
        ExecuteAsync("DROP DATABASE IF EXISTS " + SqlIdentifier.Quote(name) + " WITH (FORCE)", cancellationToken);

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        var connection = await DatabaseConnection.OpenAsync(maintenance, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand(sql, connection);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
