using System.Globalization;
using Cutover.Connections;
using Npgsql;

namespace Cutover.Inspection;

/// <summary>Creates and drops throwaway databases on a server the caller chooses: a scratch server given with
/// <c>--scratch</c>, or a throwaway server from Cutover.Testing (<c>ThrowawayServer.DatabaseServer</c>).</summary>
/// <param name="server">The server; CREATE and DROP DATABASE run in its maintenance database
/// (<see cref="DatabaseServer.Database"/>).</param>
internal sealed class ScratchDatabases(DatabaseServer server)
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
        return new ScratchDatabase(name, server.CreateDataSource(name), DropAsync);
    }

    private Task DropAsync(string name, CancellationToken cancellationToken) =>
        ExecuteAsync("DROP DATABASE IF EXISTS " + SqlIdentifier.Quote(name) + " WITH (FORCE)", cancellationToken);

    // A data source per statement rather than one held open: a check makes a handful of databases, and nothing then
    // has to be disposed with the check.
    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        var maintenance = server.CreateDataSource(server.Database);
        await using (maintenance.ConfigureAwait(false))
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
}
