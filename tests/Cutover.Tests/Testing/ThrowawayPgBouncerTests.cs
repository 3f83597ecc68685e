using Cutover.Testing;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.Testing;

public sealed class ThrowawayPgBouncerTests(ServerFixture fixture)
{
    [Fact]
    public async Task Query_through_the_bouncer_reaches_the_database()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        await using var bouncer = await ThrowawayPgBouncer.StartAsync(fixture.Server, cancellationToken: ct);
        await using var dataSource = bouncer.CreateDataSource(database);

        await using var command = dataSource.CreateCommand("SELECT current_database()");

        (await command.ExecuteScalarAsync(ct)).ShouldBe(database);
    }

    [Fact]
    public async Task Transaction_mode_moves_one_client_between_server_sessions()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        await using var bouncer = await ThrowawayPgBouncer.StartAsync(fixture.Server, cancellationToken: ct);
        await using var dataSource = bouncer.CreateDataSource(database);
        await using var client = await dataSource.OpenConnectionAsync(ct);
        await using var other = await dataSource.OpenConnectionAsync(ct);

        // The client's first transaction leaves one idle server session in the (new) pool; the other client's open
        // transaction then holds that session, so the client's next transaction has to run on a second one.
        var first = await BackendPidAsync(client, ct);
        await using var holding = await other.BeginTransactionAsync(ct);
        var held = await BackendPidAsync(other, ct);
        var second = await BackendPidAsync(client, ct);

        held.ShouldBe(first);
        second.ShouldNotBe(first);
    }

    [Fact]
    public async Task Session_mode_keeps_one_client_on_one_server_session()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        await using var bouncer = await ThrowawayPgBouncer.StartAsync(
            fixture.Server, new ThrowawayPgBouncerOptions { PoolMode = PgBouncerPoolMode.Session }, ct);
        await using var dataSource = bouncer.CreateDataSource(database);
        await using var client = await dataSource.OpenConnectionAsync(ct);
        await using var other = await dataSource.OpenConnectionAsync(ct);

        var first = await BackendPidAsync(client, ct);
        await using var holding = await other.BeginTransactionAsync(ct);
        await BackendPidAsync(other, ct);
        var second = await BackendPidAsync(client, ct);

        second.ShouldBe(first);
    }

    [Fact]
    public async Task Connection_string_behind_a_transaction_pooler_turns_off_reset_and_auto_prepare()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var bouncer = await ThrowawayPgBouncer.StartAsync(fixture.Server, cancellationToken: ct);

        var settings = new NpgsqlConnectionStringBuilder(bouncer.ConnectionString("app"));

        settings.NoResetOnClose.ShouldBeTrue();
        settings.MaxAutoPrepare.ShouldBe(0);
        settings.Port.ShouldBe(bouncer.Port);
        bouncer.EnvironmentFor("app")["PGPORT"].ShouldBe(bouncer.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Show_pools_lists_the_database_with_its_pool_mode()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        await using var bouncer = await ThrowawayPgBouncer.StartAsync(fixture.Server, cancellationToken: ct);
        await using (var dataSource = bouncer.CreateDataSource(database))
        await using (var command = dataSource.CreateCommand("SELECT 1"))
        {
            await command.ExecuteScalarAsync(ct);
        }

        var pools = await bouncer.ShowAsync("POOLS", ct);

        pools.ShouldContain(p => p["database"] == database && p["pool_mode"] == "transaction");
    }

    [Fact]
    public async Task Dispose_stops_the_bouncer_and_deletes_its_folder()
    {
        var ct = TestContext.Current.CancellationToken;
        var bouncer = await ThrowawayPgBouncer.StartAsync(fixture.Server, cancellationToken: ct);
        var folder = bouncer.SocketDirectory;
        var connectionString = new NpgsqlConnectionStringBuilder(bouncer.ConnectionString()) { Pooling = false }.ConnectionString;

        await bouncer.DisposeAsync();

        Directory.Exists(folder).ShouldBeFalse();
        await using var connection = new NpgsqlConnection(connectionString);
        await Should.ThrowAsync<NpgsqlException>(() => connection.OpenAsync(ct));
    }

    private static async Task<int> BackendPidAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }
}
