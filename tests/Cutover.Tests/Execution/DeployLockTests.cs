using Cutover.Execution;
using Cutover.Planning;
using Cutover.Scripts;
using Cutover.Tests.Connections;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.Execution;

/// <summary>The deploy lock seen from a second run: it waits without holding anything, names the holder, and gives
/// up after the wait it was given.</summary>
public sealed class DeployLockTests(ServerFixture fixture)
{
    private const string Key = "cutover:public.cutover_migrations";

    private static Func<CancellationToken, Task<NpgsqlConnection>> Open(NpgsqlDataSource dataSource) =>
        ct => dataSource.OpenConnectionAsync(ct).AsTask();

    [Fact]
    public async Task A_waiter_that_gives_up_names_the_holder()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        await using var dataSource = fixture.Server.CreateDataSource(database);
        var logger = new RecordingLogger<Migrator>();
        await using var held = await DeployLock.AcquireAsync(Open(dataSource), Key, TimeSpan.Zero,
            TimeProvider.System, logger, ct);

        var error = await Should.ThrowAsync<DeployLockTimeoutException>(() => DeployLock.AcquireAsync(
            Open(dataSource), Key, TimeSpan.FromMilliseconds(300), TimeProvider.System, logger, ct));

        error.Holder.ShouldNotBeNull();
        error.Holder.ApplicationName.ShouldNotBeNull().ShouldContain($"pid {Environment.ProcessId}");
        error.Holder.Since.ShouldNotBeNull();
        error.Message.ShouldContain($"backend {error.Holder.BackendPid}");
        logger.Entries.ShouldContain(e => e.EventId.Id == CutoverEventIds.DeployLockWaiting);
    }

    [Fact]
    public async Task The_lock_is_free_again_once_disposed()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        await using var dataSource = fixture.Server.CreateDataSource(database);
        var logger = new RecordingLogger<Migrator>();
        var first = await DeployLock.AcquireAsync(Open(dataSource), Key, TimeSpan.Zero, TimeProvider.System, logger, ct);
        await first.DisposeAsync();

        await using var second = await DeployLock.AcquireAsync(Open(dataSource), Key, TimeSpan.Zero,
            TimeProvider.System, logger, ct);

        second.IsHeld.ShouldBeTrue();
    }

    [Fact]
    public async Task The_holder_keeps_no_snapshot_that_a_concurrent_index_build_would_wait_for()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        await using var dataSource = fixture.Server.CreateDataSource(database);
        await using var held = await DeployLock.AcquireAsync(Open(dataSource), Key, TimeSpan.Zero,
            TimeProvider.System, new RecordingLogger<Migrator>(), ct);

        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() " +
            "AND state = 'idle in transaction' AND backend_xmin IS NULL AND backend_xid IS NULL");
        ((long)(await command.ExecuteScalarAsync(ct))!).ShouldBe(1);
    }

    [Fact]
    public async Task The_holder_keeps_no_snapshot_even_where_transactions_default_to_repeatable_read()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        await using (var admin = fixture.Server.CreateDataSource(database))
        await using (var alter = admin.CreateCommand($"ALTER DATABASE \"{database}\" SET default_transaction_isolation = 'repeatable read'"))
        {
            await alter.ExecuteNonQueryAsync(ct);
        }

        await using var dataSource = fixture.Server.CreateDataSource(database);
        await using var held = await DeployLock.AcquireAsync(Open(dataSource), Key, TimeSpan.Zero,
            TimeProvider.System, new RecordingLogger<Migrator>(), ct);

        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() " +
            "AND state = 'idle in transaction' AND backend_xmin IS NULL");
        ((long)(await command.ExecuteScalarAsync(ct))!).ShouldBe(1);
    }

    [Fact]
    public async Task Status_sees_a_live_run_through_the_holder()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        await using var dataSource = fixture.Server.CreateDataSource(database);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        (await DeployLock.FindHolderAsync(connection, Key, ct)).ShouldBeNull();

        await using var held = await DeployLock.AcquireAsync(Open(dataSource), Key, TimeSpan.Zero,
            TimeProvider.System, new RecordingLogger<Migrator>(), ct);

        (await DeployLock.FindHolderAsync(connection, Key, ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Another_journal_has_a_lock_of_its_own()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        await using var dataSource = fixture.Server.CreateDataSource(database);
        var logger = new RecordingLogger<Migrator>();
        await using var held = await DeployLock.AcquireAsync(Open(dataSource), Key, TimeSpan.Zero, TimeProvider.System, logger, ct);

        await using var other = await DeployLock.AcquireAsync(Open(dataSource), "cutover:app.journal",
            TimeSpan.Zero, TimeProvider.System, logger, ct);

        other.IsHeld.ShouldBeTrue();
    }
}
