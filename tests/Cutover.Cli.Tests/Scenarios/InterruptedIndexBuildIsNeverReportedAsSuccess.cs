using Cutover.Tests;
using Npgsql;
using Shouldly;

namespace Cutover.Cli.Tests.Scenarios;

/// <summary>A deployer killed in the middle of <c>CREATE INDEX CONCURRENTLY</c> leaves an INVALID index, which
/// <c>IF NOT EXISTS</c> would skip forever. Cutover never reports success while it is there: repair drops it and the
/// rerun builds it; a journal row deleted by hand instead makes the rerun fail, naming the index.</summary>
public sealed class InterruptedIndexBuildIsNeverReportedAsSuccess(ServerFixture fixture)
{
    private const string IndexScript = "01.00.00_02_pre_index.sql";

    [Fact]
    public async Task Repair_drops_the_invalid_index_and_the_rerun_builds_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var (folder, connection, dataSource) = await KillMidBuildAsync(ct);
        using var _ = folder;
        await using var __ = dataSource;

        var status = await CliProcess.RunAsync(folder.Root, "status", "-c", connection);
        var repair = await CliProcess.RunAsync(folder.Root, "repair", "-c", connection);
        var rerun = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", connection);

        status.Output.ShouldContain("INTERRUPTED", Case.Sensitive, status.ToString());
        repair.Output.ShouldContain("Dropped INVALID index \"public\".\"items_v\"", Case.Sensitive, repair.ToString());
        rerun.ExitCode.ShouldBe(0, rerun.ToString());
        (await ServerProbe.ScalarAsync<bool>(dataSource,
            "SELECT indisvalid FROM pg_index WHERE indexrelid = 'items_v'::regclass", ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_row_deleted_by_hand_makes_the_rerun_fail_naming_the_index()
    {
        var ct = TestContext.Current.CancellationToken;
        var (folder, connection, dataSource) = await KillMidBuildAsync(ct);
        using var _ = folder;
        await using var __ = dataSource;
        await ServerProbe.ScalarAsync<int>(dataSource,
            "WITH d AS (DELETE FROM cutover_migrations WHERE state = 'running' RETURNING 1) SELECT count(*)::int FROM d", ct);

        var rerun = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", connection);
        var validate = await CliProcess.RunAsync(folder.Root, "status", "-c", connection);

        rerun.ExitCode.ShouldBe(1, rerun.ToString());
        rerun.Error.ShouldContain("\"public\".\"items_v\" is INVALID", Case.Sensitive, rerun.ToString());
        rerun.Error.ShouldContain("cutover repair", Case.Sensitive, rerun.ToString());
        validate.Output.ShouldContain("FAILED", Case.Insensitive, validate.ToString());

        var repair = await CliProcess.RunAsync(folder.Root, "repair", "-c", connection);
        var fixedRun = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", connection);
        repair.Output.ShouldContain("Dropped INVALID index", Case.Sensitive, repair.ToString());
        fixedRun.ExitCode.ShouldBe(0, fixedRun.ToString());
        (await ServerProbe.ScalarAsync<long>(dataSource, "SELECT count(*) FROM pg_index WHERE NOT indisvalid", ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Validate_names_an_invalid_index_of_a_script_recorded_as_succeeded()
    {
        var ct = TestContext.Current.CancellationToken;
        var (folder, connection, dataSource) = await KillMidBuildAsync(ct);
        using var _ = folder;
        await using var __ = dataSource;

        // What an older tool, or a hand-made fix, could leave: the journal says done, the index is INVALID.
        await ServerProbe.ScalarAsync<int>(dataSource,
            "WITH u AS (UPDATE cutover_migrations SET state = 'succeeded' WHERE state = 'running' RETURNING 1) SELECT count(*)::int FROM u", ct);
        var validate = await CliProcess.RunAsync(folder.Root, "validate", "-c", connection);

        validate.ExitCode.ShouldBe(1, validate.ToString());
        validate.Output.ShouldContain("\"public\".\"items_v\" is INVALID", Case.Sensitive, validate.ToString());
    }

    /// <summary>Starts an upgrade whose index build waits for an old snapshot, kills it with SIGKILL once the INVALID
    /// index is in the catalog, and waits until the server has ended the dead deployer's sessions.</summary>
    private async Task<(MigrationFolder Folder, string Connection, NpgsqlDataSource DataSource)> KillMidBuildAsync(CancellationToken ct)
    {
        var folder = new MigrationFolder()
            .With("01.00.00_01_pre_table.sql", "CREATE TABLE items (id int, v int);\nINSERT INTO items SELECT g, g FROM generate_series(1, 1000) g;");
        var database = await fixture.CreateDatabaseAsync();
        var connection = fixture.Server.ConnectionString(database);
        var dataSource = fixture.Server.CreateDataSource(database);
        var first = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", connection);
        first.ExitCode.ShouldBe(0, first.ToString());
        folder.With(IndexScript, "-- cutover:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS items_v ON items (v);\n");

        // An open snapshot makes the concurrent build wait after it has put its (still INVALID) index in the catalog.
        await using (var snapshot = await dataSource.OpenConnectionAsync(ct))
        {
            await using (var begin = new NpgsqlCommand("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM items;", snapshot))
            {
                await begin.ExecuteNonQueryAsync(ct);
            }

            using var deployer = CliProcess.Start(folder.Root, "upgrade", "--phase", "all", "-c", connection, "--lock-timeout", "5m");
            await ServerProbe.WaitUntilAsync(dataSource, "SELECT count(*) > 0 FROM pg_index WHERE NOT indisvalid", true, ct);
            deployer.Kill();
            await deployer.WaitForExitAsync(ct);
            await ServerProbe.WaitForQueryAsync(dataSource, "CREATE INDEX CONCURRENTLY", ct, present: false);
            await ServerProbe.WaitUntilAsync(dataSource,
                "SELECT count(*) = 0 FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                true, ct);
            await using var commit = new NpgsqlCommand("COMMIT", snapshot);
            await commit.ExecuteNonQueryAsync(ct);
        }

        (await ServerProbe.ScalarAsync<long>(dataSource, "SELECT count(*) FROM pg_index WHERE NOT indisvalid", ct)).ShouldBe(1);
        return (folder, connection, dataSource);
    }
}
