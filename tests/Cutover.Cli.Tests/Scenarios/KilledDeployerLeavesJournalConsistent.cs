using Cutover.Tests;
using Npgsql;
using Shouldly;

namespace Cutover.Cli.Tests.Scenarios;

/// <summary>A deployer killed with SIGKILL in the middle of a long script: the journal and the schema agree
/// afterwards, and a rerun completes.</summary>
public sealed class KilledDeployerLeavesJournalConsistent(ServerFixture fixture)
{
    [Fact]
    public async Task Transactional_script_rolls_back_and_the_rerun_applies_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new MigrationFolder()
            .With("01.00.00_01_pre_first.sql", "CREATE TABLE first (id int); CREATE TABLE wake (id int);")
            .With("01.00.00_02_pre_long.sql",
                "CREATE TABLE second (id int);\nSELECT pg_sleep(60) WHERE NOT EXISTS (SELECT FROM wake);\nCREATE TABLE third (id int);");
        var database = await fixture.CreateDatabaseAsync();
        var connection = fixture.Server.ConnectionString(database);
        await using var dataSource = fixture.Server.CreateDataSource(database);

        using (var deployer = CliProcess.Start(folder.Root, "upgrade", "--phase", "all", "-c", connection))
        {
            await ServerProbe.WaitForQueryAsync(dataSource, "pg_sleep", ct);
            deployer.Kill(); // SIGKILL: no chance to clean up
            await deployer.WaitForExitAsync(ct);
        }

        (await ServerProbe.ScalarAsync<long>(dataSource, "SELECT count(*) FROM cutover_migrations", ct)).ShouldBe(1);
        (await ServerProbe.ScalarAsync<bool>(dataSource, "SELECT to_regclass('second') IS NULL", ct)).ShouldBeTrue();
        await ServerProbe.ScalarAsync<int>(dataSource, "INSERT INTO wake VALUES (1) RETURNING id", ct);

        // The server notices the dead client (client_connection_check_interval) and releases the deploy lock.
        var rerun = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", connection, "--lock-wait", "30s");
        rerun.ExitCode.ShouldBe(0, rerun.ToString());
    }

    [Fact]
    public async Task No_transaction_script_is_marked_interrupted_and_repair_lets_the_rerun_finish()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new MigrationFolder()
            .With("01.00.00_01_pre_table.sql", "CREATE TABLE items (id int); CREATE TABLE wake (id int);")
            .With("01.00.00_02_pre_index.sql",
                "-- cutover:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS items_id ON items (id);\n" +
                "SELECT pg_sleep(60) WHERE NOT EXISTS (SELECT FROM wake);\n");
        var database = await fixture.CreateDatabaseAsync();
        var connection = fixture.Server.ConnectionString(database);
        await using var dataSource = fixture.Server.CreateDataSource(database);

        using (var deployer = CliProcess.Start(folder.Root, "upgrade", "--phase", "all", "-c", connection))
        {
            await ServerProbe.WaitForQueryAsync(dataSource, "pg_sleep", ct);
            deployer.Kill();
            await deployer.WaitForExitAsync(ct);
        }

        // Until the server notices the dead client, its session still holds the deploy lock and the row is live.
        await ServerProbe.WaitForQueryAsync(dataSource, "pg_sleep", ct, present: false);
        var status = await CliProcess.RunAsync(folder.Root, "status", "-c", connection);
        status.Output.ShouldContain("INTERRUPTED", Case.Sensitive, status.ToString());
        var refused = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", connection, "--lock-wait", "30s");
        refused.ExitCode.ShouldBe(1, refused.ToString());
        refused.Error.ShouldContain("cutover repair");

        await ServerProbe.ScalarAsync<int>(dataSource, "INSERT INTO wake VALUES (1) RETURNING id", ct);
        var repair = await CliProcess.RunAsync(folder.Root, "repair", "-c", connection);
        var rerun = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", connection,
            "--lock-timeout", "30s");

        repair.Output.ShouldContain("Cleared 01.00.00_02_pre_index", Case.Sensitive, repair.ToString());
        rerun.ExitCode.ShouldBe(0, rerun.ToString());
    }
}
