using Cutover.Testing;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.Testing;

public sealed class ThrowawayServerTests(ServerFixture fixture)
{
    [Fact]
    public async Task Created_database_accepts_queries()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        await using var dataSource = fixture.Server.CreateDataSource(database);
        await using var command = dataSource.CreateCommand("select current_database()");
        (await command.ExecuteScalarAsync(ct)).ShouldBe(database);
    }

    [Fact]
    public async Task Durability_is_off()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = fixture.Server.CreateDataSource();
        await using var command = dataSource.CreateCommand("show fsync");
        (await command.ExecuteScalarAsync(ct)).ShouldBe("off");
    }

    [Fact]
    public async Task Dispose_stops_the_server_and_deletes_its_folder()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await ThrowawayServer.StartAsync(cancellationToken: ct);
        var folder = server.SocketDirectory;
        var connectionString = server.ConnectionString();
        await server.DisposeAsync();

        Directory.Exists(folder).ShouldBeFalse();
        await using var connection = new NpgsqlConnection(connectionString);
        await Should.ThrowAsync<NpgsqlException>(() => connection.OpenAsync(ct));
    }
}
