using System.Collections.Concurrent;
using System.Diagnostics;
using Cutover.PostDeploy;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.PostDeploy;

public sealed class BackfillNeverBlocksApplicationLongerThanABatch(ServerFixture fixture)
{
    [Fact]
    public async Task Application_single_row_updates_wait_at_most_one_batch_while_a_backfill_runs()
    {
        var ct = TestContext.Current.CancellationToken;
        const long rows = 100_000;
        var database = await PostDeployTestDatabase.CreateAsync(fixture);
        await using var dataSource = fixture.Server.CreateDataSource(database);
        await PostDeployTestDatabase.CreateItemsAsync(dataSource, rows);
        var runner = PostDeployTestDatabase.CreateRunner(dataSource, PostDeployCatalog.FromTypes(typeof(SqlBackfill)), "deployer");

        // Each progress report follows a commit, so the longest gap between two reports bounds how long any batch
        // held its row locks.
        var commits = new BatchCommitClock();
        var backfill = Task.Run(
            () => runner.DeployAsync(
                new PostDeployRequest { Mode = PostDeployMode.One, ActionId = "2026-11-backfill-items-sql" }, commits, ct),
            ct);
        await commits.FirstBatch.WaitAsync(ct);

        // The application: single-row updates on random rows, ahead of and behind the backfill, with a generous
        // lock_timeout so that a long block would fail loudly rather than just be slow.
        var waits = new List<TimeSpan>();
        await using var app = await dataSource.OpenConnectionAsync(ct);
        await using (var setup = new NpgsqlCommand("SET lock_timeout = '10s'", app))
        {
            await setup.ExecuteNonQueryAsync(ct);
        }

        var random = new Random(42);
        while (!backfill.IsCompleted)
        {
            await using var update = new NpgsqlCommand("UPDATE items SET note = 'app' WHERE id = @id", app);
            update.Parameters.AddWithValue("id", (long)random.NextInt64(1, rows + 1));
            var watch = Stopwatch.StartNew();
            (await update.ExecuteNonQueryAsync(ct)).ShouldBe(1);
            waits.Add(watch.Elapsed);
        }

        var result = await backfill;
        result.HasFailures.ShouldBeFalse();
        (await PostDeployTestDatabase.ScalarAsync<long>(dataSource, "SELECT count(*) FROM items WHERE counter <> 1"))
            .ShouldBe(0);
        waits.Count.ShouldBeGreaterThan(20);
        var longestBatch = commits.LongestGap;
        var longestWait = waits.Max();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{waits.Count} app updates, longest {longestWait.TotalMilliseconds:F1} ms; " +
            $"longest batch {longestBatch.TotalMilliseconds:F1} ms; {commits.Count} batches");
        // Slack for scheduling on a busy two-core machine; a whole-table UPDATE would block for the entire backfill.
        longestWait.ShouldBeLessThan(longestBatch + TimeSpan.FromMilliseconds(250));
        longestWait.ShouldBeLessThan(commits.Total / 4);
    }

    private sealed class BatchCommitClock : IProgress<PostDeployProgress>
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private readonly ConcurrentQueue<TimeSpan> _reports = new();
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstBatch => _first.Task;

        public int Count => _reports.Count;

        public TimeSpan Total => _reports.Last() - _reports.First();

        public TimeSpan LongestGap => _reports.Zip(_reports.Skip(1), (a, b) => b - a).Max();

        public void Report(PostDeployProgress value)
        {
            _reports.Enqueue(_watch.Elapsed);
            if (value.RowsDone > 0)
            {
                _first.TrySetResult();
            }
        }
    }
}
