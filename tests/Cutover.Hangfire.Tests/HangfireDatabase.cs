using System.Collections.Immutable;
using Cutover.PostDeploy;
using Cutover.Tests;
using Hangfire;
using Hangfire.PostgreSql;
using HangfireNode;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.Hangfire.Tests;

/// <summary>A fresh database with Hangfire's storage in it, and a deployer whose runner enqueues actions as Hangfire
/// jobs; nodes (Hangfire servers with their own executors) start on demand.</summary>
public sealed class HangfireDatabase : IAsyncDisposable
{
    private readonly List<IDisposable> _nodes = [];

    private HangfireDatabase(string connectionString, NpgsqlDataSource deployer, PostgreSqlStorage storage)
    {
        ConnectionString = connectionString;
        Deployer = deployer;
        Storage = storage;
        Client = new BackgroundJobClient(storage);
        Executor = new PostDeployExecutor(deployer, NodeSettings.Catalog, NodeSettings.PostDeployOptions("deployer"));
        Runner = new PostDeployRunner(Executor, new HangfirePostDeployScheduler(Client));
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource Deployer { get; }

    /// <summary>The deployer's Hangfire storage; created first, so Hangfire's schema exists before any server starts.</summary>
    public PostgreSqlStorage Storage { get; }

    public IBackgroundJobClient Client { get; }

    public PostDeployExecutor Executor { get; }

    public PostDeployRunner Runner { get; }

    public static async Task<HangfireDatabase> CreateAsync(ServerFixture fixture, string setupSql)
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        var connectionString = fixture.Server.ConnectionString(database);
        var deployer = NodeSettings.DataSource(connectionString, "deployer");
        await using (var setup = deployer.CreateCommand(setupSql))
        {
            await setup.ExecuteNonQueryAsync(ct);
        }

        var result = new HangfireDatabase(connectionString, deployer, NodeSettings.Storage(connectionString));
        await result.Executor.EnsureJournalAsync(ct);
        return result;
    }

    /// <summary>Starts a Hangfire server in this process, with its own data source, storage and executor.</summary>
    public BackgroundJobServer StartNode(string name, ILoggerFactory? loggerFactory = null, TimeSpan? lease = null)
    {
        var dataSource = NodeSettings.DataSource(ConnectionString, name);
        var executor = new PostDeployExecutor(
            dataSource, NodeSettings.Catalog, NodeSettings.PostDeployOptions(name, lease), loggerFactory: loggerFactory);
        var server = NodeSettings.StartServer(name, NodeSettings.Storage(ConnectionString), executor);
        _nodes.Add(dataSource);
        _nodes.Add(server);
        return server;
    }

    /// <summary>Stops a node gracefully, as an application's shutdown does: Hangfire cancels its running jobs' tokens.</summary>
    public void StopNode(BackgroundJobServer server)
    {
        _nodes.Remove(server);
        server.Dispose();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = Deployer.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>The names of the states the one Hangfire job went through, in order.</summary>
    public async Task<ImmutableArray<string>> JobHistoryAsync()
    {
        await using var command = Deployer.CreateCommand("SELECT name FROM hangfire.state ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var states = ImmutableArray.CreateBuilder<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            states.Add(reader.GetString(0));
        }

        return states.ToImmutable();
    }

    public async Task<PostDeployReportRow> JournalRowAsync(string actionId)
    {
        var report = await Runner.ReportAsync(TestContext.Current.CancellationToken);
        return report.Single(r => r.ActionId == actionId && r.Tenant == "");
    }

    /// <summary>The Hangfire jobs' current states (Enqueued, Processing, Succeeded, Failed...), oldest job first.</summary>
    public async Task<ImmutableArray<string>> JobStatesAsync()
    {
        await using var command = Deployer.CreateCommand("SELECT statename FROM hangfire.job ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var states = ImmutableArray.CreateBuilder<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            states.Add(reader.GetString(0));
        }

        return states.ToImmutable();
    }

    /// <summary>Waits until PostgreSQL shows what <paramref name="condition"/> looks for. Hangfire servers and
    /// child processes give no in-process signal to await, so the database is observed, with a bound.</summary>
    public static async Task WaitUntilAsync(string what, Func<Task<bool>> condition, int seconds = 30)
    {
        var ct = TestContext.Current.CancellationToken;
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not within {seconds} s: {what}");
            }

            await Task.Delay(100, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Servers first (a graceful stop, all at once), then their data sources; in reverse order of starting.
        foreach (var server in _nodes.OfType<BackgroundJobServer>())
        {
            server.SendStop();
        }

        for (var i = _nodes.Count - 1; i >= 0; i--)
        {
            if (_nodes[i] is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else
            {
                _nodes[i].Dispose();
            }
        }

        await Deployer.DisposeAsync();
    }
}
