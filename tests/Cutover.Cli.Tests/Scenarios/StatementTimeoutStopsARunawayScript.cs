using Cutover.Tests;
using Shouldly;

namespace Cutover.Cli.Tests.Scenarios;

/// <summary><c>--statement-timeout</c> cancels a runaway statement: the error names the file and SQLSTATE 57014, and
/// the script is rolled back.</summary>
public sealed class StatementTimeoutStopsARunawayScript(ServerFixture fixture)
{
    [Fact]
    public async Task The_error_names_the_file_and_57014()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new MigrationFolder()
            .With("01.00.00_01_pre_runaway.sql", "CREATE TABLE half (id int);\nSELECT pg_sleep(600);\n");
        var database = await fixture.CreateDatabaseAsync();
        var connection = fixture.Server.ConnectionString(database);

        var run = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", connection, "--statement-timeout", "300ms");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain("01.00.00_01_pre_runaway.sql:2:1: 57014", Case.Sensitive, run.ToString());
        await using var dataSource = fixture.Server.CreateDataSource(database);
        (await ServerProbe.ScalarAsync<bool>(dataSource, "SELECT to_regclass('half') IS NULL", ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_script_may_outlast_the_client_command_timeout()
    {
        // Npgsql's own command timeout (30 s unless the connection string says otherwise) would end a long script from
        // the client side; the statement timeout, on the server, is the one that counts.
        using var folder = new MigrationFolder()
            .With("01.00.00_01_pre_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(2);\n")
            .With("01.00.00_02_pre_slow_index.sql", "-- cutover:no-transaction\nSELECT pg_sleep(2);\nCREATE INDEX CONCURRENTLY slow_id ON slow (id);\n");
        var database = await fixture.CreateDatabaseAsync();
        var connection = fixture.Server.ConnectionString(database) + ";Command Timeout=1";

        var run = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", connection);

        run.ExitCode.ShouldBe(0, run.ToString());
    }
}
