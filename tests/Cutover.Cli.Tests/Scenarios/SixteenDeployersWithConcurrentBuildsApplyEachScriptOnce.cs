using Cutover.Tests;
using Shouldly;

namespace Cutover.Cli.Tests.Scenarios;

/// <summary>Sixteen <c>cutover upgrade</c> processes at once over a folder whose no-transaction scripts build and
/// rebuild indexes concurrently and detach a partition concurrently: those wait for every older snapshot, so a waiter
/// that held one while waiting for the deploy lock would deadlock with the holder. All exit 0, each script once.</summary>
public sealed class SixteenDeployersWithConcurrentBuildsApplyEachScriptOnce(ServerFixture fixture)
{
    [Fact]
    public async Task All_exit_0_each_script_once_and_every_index_valid()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new MigrationFolder()
            .With("01.00.00_01_pre_tables.sql",
                "CREATE TABLE applied_log (script text);\n" +
                "CREATE TABLE big (id int, v int);\nINSERT INTO big SELECT g, g % 1000 FROM generate_series(1, 100000) g;\n" +
                "CREATE TABLE events (id int) PARTITION BY RANGE (id);\n" +
                "CREATE TABLE events_old PARTITION OF events FOR VALUES FROM (0) TO (100);\n" +
                "CREATE TABLE events_new PARTITION OF events FOR VALUES FROM (100) TO (200);")
            .With("01.00.00_02_pre_index_v.sql",
                "-- cutover:no-transaction\nCREATE INDEX CONCURRENTLY big_v ON big (v);\nREINDEX INDEX CONCURRENTLY big_v;")
            .With("01.00.00_04_pre_detach.sql",
                "-- cutover:no-transaction\nALTER TABLE events DETACH PARTITION events_old CONCURRENTLY;")
            .With("01.00.00_06_pre_index_id.sql",
                "-- cutover:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS big_id ON big (id);\nREINDEX TABLE CONCURRENTLY big;");
        foreach (var serial in new[] { 3, 5, 7, 8, 9 })
        {
            // Not idempotent on purpose: a second application would fail with 42P07.
            folder.With($"01.00.00_{serial:00}_pre_table_{serial}.sql",
                $"CREATE TABLE t{serial} (id int);\nINSERT INTO applied_log VALUES ('{serial}');");
        }

        var database = await fixture.CreateDatabaseAsync();
        var connection = fixture.Server.ConnectionString(database);

        var runs = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", connection, "--lock-wait", "5m")));

        runs.ShouldAllBe(r => r.ExitCode == 0, string.Join("\n", runs.Where(r => r.ExitCode != 0).Select(r => r.ToString())));
        await using var dataSource = fixture.Server.CreateDataSource(database);
        (await ServerProbe.ScalarAsync<long>(dataSource, "SELECT count(*) FROM cutover_migrations WHERE state = 'succeeded'", ct))
            .ShouldBe(9);
        (await ServerProbe.ScalarAsync<long>(dataSource, "SELECT count(*) FROM applied_log", ct)).ShouldBe(5);
        (await ServerProbe.ScalarAsync<long>(dataSource, "SELECT count(DISTINCT script) FROM applied_log", ct)).ShouldBe(5);
        (await ServerProbe.ScalarAsync<long>(dataSource, "SELECT count(*) FROM pg_index WHERE NOT indisvalid", ct)).ShouldBe(0);
        (await ServerProbe.ScalarAsync<long>(dataSource,
            "SELECT count(*) FROM pg_inherits WHERE inhrelid = 'events_old'::regclass", ct)).ShouldBe(0);
    }
}
