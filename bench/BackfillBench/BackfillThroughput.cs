using System.Diagnostics;
using System.Globalization;
using Cutover.PostDeploy;
using Cutover.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cutover.Benchmarks;

/// <summary>Backfill throughput (rows/s) against one hand-written whole-table UPDATE (the floor), same server, same
/// table shape, same run.</summary>
public static class BackfillThroughput
{
    public static async Task<int> RunAsync(long rows, int repetitions, CancellationToken cancellationToken)
    {
        await using var server = await ThrowawayServer.StartAsync(
            new ThrowawayServerOptions { ParentDirectory = "/dev/shm" }, cancellationToken);
        var database = await server.CreateDatabaseAsync(cancellationToken: cancellationToken);
        await using var dataSource = server.CreateDataSource(database);
        var version = await ScalarAsync<string>(dataSource, "SHOW server_version", cancellationToken);
        Console.WriteLine($"PostgreSQL {version} on /dev/shm, {rows:N0} rows, {Environment.ProcessorCount} cores, " +
            $".NET {Environment.Version}, median of {repetitions}");

        var results = new List<(string Name, double Seconds)>();
        var scenarios = new (string Name, int BatchSize)[]
        {
            ("UPDATE whole table (floor)", 0), ("backfill, batch 1,000", 1_000), ("backfill, batch 10,000", 10_000),
        };
        foreach (var (name, batchSize) in scenarios)
        {
            var timings = new List<double>();
            for (var i = 0; i < repetitions; i++)
            {
                var table = "orders_" + (batchSize == 0 ? "floor" : batchSize.ToString(CultureInfo.InvariantCulture)) + "_" + i;
                await CreateOrdersAsync(dataSource, table, rows, cancellationToken);
                var watch = Stopwatch.StartNew();
                if (batchSize == 0)
                {
                    await ExecuteAsync(dataSource, $"UPDATE {table} SET total = price * quantity", cancellationToken);
                }
                else
                {
                    await RunBackfillAsync(dataSource, table, batchSize, cancellationToken);
                }

                timings.Add(watch.Elapsed.TotalSeconds);
                var wrong = await ScalarAsync<long>(
                    dataSource, $"SELECT count(*) FROM {table} WHERE total IS DISTINCT FROM price * quantity", cancellationToken);
                if (wrong != 0)
                {
                    Console.Error.WriteLine($"{name}: {wrong} rows not filled");
                    return 1;
                }

                await ExecuteAsync(dataSource, $"DROP TABLE {table}", cancellationToken);
            }

            timings.Sort();
            results.Add((name, timings[timings.Count / 2]));
        }

        var floor = results[0].Seconds;
        Console.WriteLine();
        Console.WriteLine("| method | seconds | rows/s | vs floor |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, seconds) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {seconds:F2} | {rows / seconds:N0} | {seconds / floor:F2}x |"));
        }

        return 0;
    }

    private static async Task RunBackfillAsync(
        NpgsqlDataSource dataSource, string table, int batchSize, CancellationToken cancellationToken)
    {
        await using var services = new ServiceCollection()
            .AddSingleton(new BackfillSettings(table, batchSize))
            .BuildServiceProvider();
        var options = new PostDeployOptions { JournalTable = new("public", "journal_" + table) };
        var runner = new PostDeployRunner(new PostDeployExecutor(
            dataSource, PostDeployCatalog.FromTypes(typeof(OrderTotalsBackfill)), options, services));
        var result = await runner.DeployAsync(
            new PostDeployRequest { Mode = PostDeployMode.One, ActionId = "bench-backfill-order-totals" },
            cancellationToken: cancellationToken);
        if (result.HasFailures)
        {
            throw new InvalidOperationException(result.Outcomes.Single().ErrorSummary);
        }
    }

    private static async Task CreateOrdersAsync(
        NpgsqlDataSource dataSource, string table, long rows, CancellationToken cancellationToken)
    {
        await ExecuteAsync(dataSource, $"""
            CREATE TABLE {table} (id bigint PRIMARY KEY, price int NOT NULL, quantity int NOT NULL, total bigint);
            INSERT INTO {table} (id, price, quantity) SELECT g, g % 1000, g % 7 + 1 FROM generate_series(1, {rows}) AS g;
            """, cancellationToken);
        // Outside a transaction block: VACUUM refuses to run inside one.
        await ExecuteAsync(dataSource, $"VACUUM ANALYZE {table}", cancellationToken);
        await ExecuteAsync(dataSource, "CHECKPOINT", cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
