using System.Diagnostics;
using Cutover.Tests;
using Shouldly;

namespace Cutover.Cli.Tests.Scenarios;

/// <summary>SIGTERM (what Kubernetes sends a pod) and SIGINT (Ctrl+C) cancel the running statement on the server,
/// roll back the running transactional script, release the deploy lock and exit 143 or 130 within seconds.</summary>
public sealed class SignalsCancelTheRunningScript(ServerFixture fixture)
{
    [Theory]
    [InlineData(Signals.Terminate, 143)]
    [InlineData(Signals.Interrupt, 130)]
    public async Task Transactional_script_rolls_back_and_the_lock_is_free(int signal, int exitCode)
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new MigrationFolder()
            .With("01.00.00_01_pre_first.sql", "CREATE TABLE first (id int);")
            .With("01.00.00_02_pre_long.sql", "CREATE TABLE second (id int);\nSELECT pg_sleep(600);\n");
        var database = await fixture.CreateDatabaseAsync();
        var connection = fixture.Server.ConnectionString(database);
        await using var dataSource = fixture.Server.CreateDataSource(database);

        using var deployer = CliProcess.Start(folder.Root, "upgrade", "--phase", "all", "-c", connection);
        var stderr = deployer.StandardError.ReadToEndAsync(ct);
        var stdout = deployer.StandardOutput.ReadToEndAsync(ct);
        await ServerProbe.WaitForQueryAsync(dataSource, "pg_sleep(600)", ct);
        var signalled = Stopwatch.StartNew();
        Signals.Send(deployer.Id, signal);
        await deployer.WaitForExitAsync(ct);
        signalled.Stop();

        deployer.ExitCode.ShouldBe(exitCode, await stdout + await stderr);
        signalled.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        (await ServerProbe.ScalarAsync<bool>(dataSource, "SELECT to_regclass('second') IS NULL", ct)).ShouldBeTrue();
        (await ServerProbe.ScalarAsync<long>(dataSource, "SELECT count(*) FROM cutover_migrations", ct)).ShouldBe(1);
        (await ServerProbe.ScalarAsync<long>(dataSource,
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            ct)).ShouldBe(0);
    }

    [Fact]
    public async Task No_transaction_script_stays_visible_as_interrupted()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new MigrationFolder()
            .With("01.00.00_01_pre_table.sql", "CREATE TABLE items (id int);")
            .With("01.00.00_02_pre_slow.sql", "-- cutover:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS items_id ON items (id);\nSELECT pg_sleep(600);\n");
        var database = await fixture.CreateDatabaseAsync();
        var connection = fixture.Server.ConnectionString(database);
        await using var dataSource = fixture.Server.CreateDataSource(database);

        using var deployer = CliProcess.Start(folder.Root, "upgrade", "--phase", "all", "-c", connection);
        var stderr = deployer.StandardError.ReadToEndAsync(ct);
        await ServerProbe.WaitForQueryAsync(dataSource, "pg_sleep(600)", ct);
        Signals.Send(deployer.Id, Signals.Terminate);
        await deployer.WaitForExitAsync(ct);

        deployer.ExitCode.ShouldBe(143, await stderr);
        var status = await CliProcess.RunAsync(folder.Root, "status", "-c", connection);
        status.Output.ShouldContain("INTERRUPTED", Case.Sensitive, status.ToString());
    }
}
