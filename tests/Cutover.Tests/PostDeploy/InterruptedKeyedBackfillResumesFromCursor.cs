using System.Text.Json;
using Cutover.PostDeploy;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.PostDeploy;

/// <summary>Crashes and resumes over keys that are not one integer, and an integer backfill resuming from the plain
/// integer cursor an earlier version saved.</summary>
public sealed class InterruptedKeyedBackfillResumesFromCursor(ServerFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Uuid_backfill_crashed_half_way_is_taken_over_and_resumes_from_its_json_cursor_processing_every_row_once()
    {
        const int rows = 20_000, batchSize = 500;
        var database = await PostDeployTestDatabase.CreateAsync(fixture);
        await using var admin = fixture.Server.CreateDataSource(database);
        await using (var create = admin.CreateCommand($"""
            CREATE TABLE accounts (id uuid PRIMARY KEY, counter int NOT NULL DEFAULT 0);
            INSERT INTO accounts (id) SELECT gen_random_uuid() FROM generate_series(1, {rows});
            ANALYZE accounts;
            """))
        {
            await create.ExecuteNonQueryAsync(Ct);
        }

        var catalog = PostDeployCatalog.FromTypes(typeof(KeyedBackfill));
        var options = new PostDeployOptions { Lease = TimeSpan.FromMinutes(1) };
        var start = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        const string sql = "UPDATE accounts SET counter = counter + 1 WHERE id BETWEEN @first AND @last";

        // Node A stalls inside its 21st batch and "dies": its backend is terminated (rolling that batch back) and its
        // clock never moves, so it never renews its claim nor writes again.
        var halfway = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var batchesA = 0;
        var specA = new KeyedBackfillSpec(new BackfillOptions
        {
            Table = "accounts",
            BatchSize = batchSize,
            BackoffDelay = TimeSpan.Zero,
            ProcessBatch = async (batch, token) =>
            {
                await using var command = new NpgsqlCommand(sql, batch.Connection, batch.Transaction);
                batch.AddKeyParameters(command);
                await command.ExecuteNonQueryAsync(token);
                if (++batchesA <= 20)
                {
                    return;
                }

                await using var pid = new NpgsqlCommand("SELECT pg_backend_pid()", batch.Connection, batch.Transaction);
                halfway.TrySetResult((int)(await pid.ExecuteScalarAsync(token))!);
                await Task.Delay(Timeout.Infinite, hang.Token);
            },
        });
        await using var dataSourceA = PostDeployTestDatabase.CreateDataSource(fixture.Server, database, "node-a");
        var runnerA = PostDeployTestDatabase.CreateRunner(
            dataSourceA, catalog, "node-a", new ManualTimeProvider(start), Services(specA), options);
        var deployA = runnerA.DeployAsync(new PostDeployRequest { Mode = PostDeployMode.Auto }, cancellationToken: Ct);

        var backend = await halfway.Task.WaitAsync(Ct);
        await using (var terminate = admin.CreateCommand("SELECT pg_terminate_backend(@pid, 30000)"))
        {
            terminate.Parameters.AddWithValue("pid", backend);
            (await terminate.ExecuteScalarAsync(Ct)).ShouldBe(true);
        }

        var cursorAtCrash = await PostDeployTestDatabase.ScalarAsync<string>(admin, "SELECT cursor FROM cutover_post_deploy");
        var lastKey = JsonSerializer.Deserialize<string[]>(cursorAtCrash).ShouldHaveSingleItem();
        (await Count(admin, $"SELECT count(*) FROM accounts WHERE counter = 1 AND id <= '{lastKey}'")).ShouldBe(20 * batchSize);
        (await Count(admin, $"SELECT count(*) FROM accounts WHERE counter <> 0 AND id > '{lastKey}'")).ShouldBe(0);

        // Node B's clock is past A's lease: it takes the claim over and resumes from A's last committed cursor.
        var specB = new KeyedBackfillSpec(specA.Options with { ProcessBatch = null, BatchSql = sql });
        await using var dataSourceB = PostDeployTestDatabase.CreateDataSource(fixture.Server, database, "node-b");
        var runnerB = PostDeployTestDatabase.CreateRunner(
            dataSourceB, catalog, "node-b", new ManualTimeProvider(start + TimeSpan.FromMinutes(2)), Services(specB), options);
        var resultB = await runnerB.DeployAsync(new PostDeployRequest { Mode = PostDeployMode.Auto }, cancellationToken: Ct);

        resultB.Outcomes.ShouldHaveSingleItem().Kind.ShouldBe(PostDeployOutcomeKind.Succeeded);
        (await Count(admin, "SELECT count(*) FROM accounts WHERE counter <> 1")).ShouldBe(0);
        var backfillB = specB.Results.ShouldHaveSingleItem();
        backfillB.Resumed.ShouldBeTrue();
        (backfillB.RowsDone, backfillB.RowsAffected).ShouldBe((rows, rows - 20L * batchSize));
        var row = (await runnerB.ReportAsync(Ct)).ShouldHaveSingleItem();
        (row.State, row.Attempts, row.RowsDone, row.RowsTotal).ShouldBe((PostDeployState.Succeeded, 2, (long)rows, (long?)rows));

        await hang.CancelAsync();
        (await deployA).Outcomes.ShouldHaveSingleItem().Kind.ShouldBe(PostDeployOutcomeKind.ClaimLost);
        (await Count(admin, "SELECT count(*) FROM accounts WHERE counter <> 1")).ShouldBe(0);
    }

    [Fact]
    public async Task Integer_backfill_resumes_from_the_plain_integer_cursor_an_earlier_version_saved()
    {
        var database = await PostDeployTestDatabase.CreateAsync(fixture);
        await using var dataSource = fixture.Server.CreateDataSource(database);
        await PostDeployTestDatabase.CreateItemsAsync(dataSource, 10_000);
        var failing = new KeyedBackfillSpec(new BackfillOptions
        {
            Table = "items",
            BatchSize = 1000,
            BatchSql = "UPDATE items SET counter = counter + 1 WHERE id > @lower AND id <= @upper AND 1 / (5000 - id)::int >= 0",
        });
        var catalog = PostDeployCatalog.FromTypes(typeof(KeyedBackfill));
        var first = await PostDeployTestDatabase.CreateRunner(dataSource, catalog, "old", services: Services(failing))
            .DeployAsync(PostDeployRequest.For(PostDeployMode.Auto), cancellationToken: Ct);
        first.Outcomes.ShouldHaveSingleItem().Kind.ShouldBe(PostDeployOutcomeKind.Failed);
        (await PostDeployTestDatabase.ScalarAsync<string>(dataSource, "SELECT cursor FROM cutover_post_deploy")).ShouldBe("4000");

        // The journal row as an earlier version (another batch size) left it: a plain integer that is no boundary of
        // this version's batches, rows beyond it untouched.
        await using (var rewind = dataSource.CreateCommand("""
            UPDATE cutover_post_deploy SET cursor = '3500', rows_done = 3500;
            UPDATE items SET counter = 0 WHERE id > 3500;
            """))
        {
            await rewind.ExecuteNonQueryAsync(Ct);
        }

        var lowers = new List<long>();
        var resuming = new KeyedBackfillSpec(failing.Options with
        {
            BatchSql = null,
            ProcessBatch = async (batch, token) =>
            {
                lowers.Add(batch.Lower);
                await using var command = new NpgsqlCommand(
                    "UPDATE items SET counter = counter + 1 WHERE id > @lower AND id <= @upper", batch.Connection, batch.Transaction);
                batch.AddKeyParameters(command);
                (await command.ExecuteNonQueryAsync(token)).ShouldBe(batch.Rows);
            },
        });
        var second = await PostDeployTestDatabase.CreateRunner(dataSource, catalog, "new", services: Services(resuming))
            .DeployAsync(PostDeployRequest.For(PostDeployMode.RetryFailed), cancellationToken: Ct);

        second.Outcomes.ShouldHaveSingleItem().Kind.ShouldBe(PostDeployOutcomeKind.Succeeded);
        (await Count(dataSource, "SELECT count(*) FROM items WHERE counter <> 1")).ShouldBe(0);
        lowers.ShouldBe([3500L, 4500, 5500, 6500, 7500, 8500, 9500]);
        var result = resuming.Results.ShouldHaveSingleItem();
        (result.Resumed, result.RowsDone).ShouldBe((true, 10_000L));
        (await PostDeployTestDatabase.ScalarAsync<string>(dataSource, "SELECT cursor FROM cutover_post_deploy")).ShouldBe("10000");
    }

    private static ServiceProvider Services(KeyedBackfillSpec spec) =>
        new ServiceCollection().AddSingleton(spec).BuildServiceProvider();

    private static async Task<long> Count(NpgsqlDataSource dataSource, string sql) =>
        await PostDeployTestDatabase.ScalarAsync<long>(dataSource, sql);
}
