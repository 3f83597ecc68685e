using Cutover.Execution;
using Cutover.Planning;
using Cutover.Scripts;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.Scenarios;

/// <summary>A table held by another session's open transaction: the migration gives up its lock request after the
/// lock timeout and retries, so application queries never queue behind it for longer than that; once the blocker
/// commits, the migration succeeds.</summary>
public sealed class LockTimeoutRetriesUntilBlockerCommits(ServerFixture fixture)
{
    [Fact]
    public async Task Migration_retries_and_application_queries_keep_flowing()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        await using var dataSource = fixture.Server.CreateDataSource(database);
        await using (var setup = dataSource.CreateCommand("CREATE TABLE orders (id int); INSERT INTO orders VALUES (1)"))
        {
            await setup.ExecuteNonQueryAsync(ct);
        }

        var scripts = MigrationSet.Create("test",
            [new ScriptFile("01.00.00_01_pre_add_total.sql", "db/01.00.00_01_pre_add_total.sql", "ALTER TABLE orders ADD COLUMN total int;")],
            null);
        var migrator = new Migrator(dataSource, scripts, new MigratorOptions
        {
            LockTimeout = TimeSpan.FromMilliseconds(200),
            LockRetries = 1000,
            RetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(100),
        });

        // The blocker: a long-running reader's transaction holds ACCESS SHARE on orders.
        await using var blocker = await dataSource.OpenConnectionAsync(ct);
        await using var blockerTransaction = await blocker.BeginTransactionAsync(ct);
        await using (var read = new NpgsqlCommand("SELECT count(*) FROM orders", blocker, blockerTransaction))
        {
            await read.ExecuteScalarAsync(ct);
        }

        var retries = 0;
        var retried = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var upgrade = migrator.UpgradeAsync(new UpgradeOptions
        {
            Plan = new PlanRequest(PhaseSelection.All),
            Progress = new InlineProgress<ScriptProgress>(p =>
            {
                if (p.Stage == ScriptStage.Retrying && Interlocked.Increment(ref retries) == 3)
                {
                    retried.TrySetResult();
                }
            }),
        }, ct);
        await retried.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);

        // Application traffic while the migration keeps trying. Each query would fail with 55P03 if it queued
        // behind the migration's lock request for longer than its own 1 s limit.
        await using (var app = await dataSource.OpenConnectionAsync(ct))
        {
            await using var limit = new NpgsqlCommand("SET lock_timeout = '1s'", app);
            await limit.ExecuteNonQueryAsync(ct);
            for (var i = 0; i < 10; i++)
            {
                await using var query = new NpgsqlCommand("UPDATE orders SET id = id + 1", app);
                (await query.ExecuteNonQueryAsync(ct)).ShouldBe(1);
            }
        }

        upgrade.IsCompleted.ShouldBeFalse();
        await blockerTransaction.CommitAsync(ct);
        var result = await upgrade.WaitAsync(TimeSpan.FromSeconds(30), ct);

        result.Applied.Single().Attempts.ShouldBeGreaterThan(3);
    }
}
