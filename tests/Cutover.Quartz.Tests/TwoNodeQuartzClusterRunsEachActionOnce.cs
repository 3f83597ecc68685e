using Cutover.PostDeploy;
using Npgsql;
using Quartz;
using Shouldly;

using Cutover.Tests;

namespace Cutover.Quartz.Tests;

public sealed class TwoNodeQuartzClusterRunsEachActionOnce(ServerFixture fixture)
{
    [Fact]
    public async Task Two_clustered_quartz_nodes_share_twenty_actions_and_run_each_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        await using var deployer = DataSource(database, "deployer");
        await using (var create = deployer.CreateCommand(CountedActions.CreateTable))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        var catalog = PostDeployCatalog.FromTypes(typeof(CountedActions));
        await using var dataSource1 = DataSource(database, "node-1");
        await using var dataSource2 = DataSource(database, "node-2");
        // Node 1 creates Quartz's tables (CreateIfMissing) before node 2 starts, so the two never race on DDL.
        var node1 = await StartNodeAsync(database, "node-1", new PostDeployExecutor(dataSource1, catalog, Host("node-1")), ct);
        var node2 = await StartNodeAsync(database, "node-2", new PostDeployExecutor(dataSource2, catalog, Host("node-2")), ct);
        try
        {
            var runner = new PostDeployRunner(
                new PostDeployExecutor(deployer, catalog, Host("deployer")), new QuartzPostDeployScheduler(node1));

            var result = await runner.DeployAsync(new PostDeployRequest { Mode = PostDeployMode.Auto }, cancellationToken: ct);

            result.Outcomes.Length.ShouldBe(20);
            result.Outcomes.ShouldAllBe(o => o.Kind == PostDeployOutcomeKind.Succeeded);
            await using var count = deployer.CreateCommand(
                "SELECT count(*), count(DISTINCT action_id) FROM effects");
            await using var reader = await count.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            (reader.GetInt64(0), reader.GetInt64(1)).ShouldBe((20L, 20L));
            var report = await runner.ReportAsync(ct);
            report.ShouldAllBe(r => r.State == PostDeployState.Succeeded && r.Attempts == 1);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"node-1 ran {report.Count(r => r.Host == "node-1")}, node-2 ran {report.Count(r => r.Host == "node-2")}");
            (await node1.GetSchedulerInstanceId(ct)).ShouldNotBe(await node2.GetSchedulerInstanceId(ct));
        }
        finally
        {
            await node2.Shutdown(true, CancellationToken.None);
            await node1.Shutdown(true, CancellationToken.None);
        }
    }

    private NpgsqlDataSource DataSource(string database, string applicationName) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(fixture.Server.ConnectionString(database))
        {
            ApplicationName = applicationName,
        }.ConnectionString);

    private static PostDeployOptions Host(string name) => new() { HostName = name };

    private async Task<IScheduler> StartNodeAsync(
        string database, string instanceId, PostDeployExecutor executor, CancellationToken ct)
    {
        var connectionString = fixture.Server.ConnectionString(database);
        var scheduler = await QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(options =>
            {
                options.InstanceName = "cutover-post-deploy-tests-" + database;
                options.InstanceId = instanceId;
                // One trigger per acquisition, so that the second node gets a share instead of the first node
                // acquiring all twenty in one batch.
                options.MaxBatchSize = 1;
                // Scheduling wakes only the node it is called on; the other polls its store this often.
                options.IdleWaitTime = TimeSpan.FromSeconds(1);
            });
            q.UseDefaultThreadPool(2);
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseClustering(clustering => clustering.CheckinInterval = TimeSpan.FromSeconds(2));
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
        }).BuildScheduler(ct);
        QuartzPostDeployScheduler.AttachExecutor(scheduler, executor);
        await scheduler.Start(ct);
        return scheduler;
    }
}
