using Cutover.Tests;
using Npgsql;
using Shouldly;

namespace Cutover.Cli.Tests;

/// <summary>Each kind of bad input gives its documented exit code, a message naming the culprit, and applies nothing.</summary>
public sealed class BadInputTests(ServerFixture fixture)
{
    public static TheoryData<string, string, string, int, string> Cases => new()
    {
        // case, file name, body, exit code, expected in stderr
        { "bad name", "add_users.sql", "CREATE TABLE users (id int);", 2, "add_users.sql' is not a migration name" },
        { "contradicting tag", "01.00.00_51_pre_users.sql", "CREATE TABLE users (id int);", 2, "tag 'pre' contradicts serial 51" },
        { "post tag on a pre serial", "01.00.00_02_post_users.sql", "CREATE TABLE users (id int);", 2, "tag 'post' contradicts serial 02" },
        { "commit in a script", "01.00.00_01_pre_users.sql", "CREATE TABLE users (id int);\nCOMMIT;\n", 2, "01.00.00_01_pre_users.sql:2:1: transaction control (COMMIT)" },
        { "syntax error on line 7", "01.00.00_01_pre_users.sql", "-- users\n\nCREATE TABLE users (\n  id int\n);\n\nCREATE TABEL orders (id int);\n", 1, "01.00.00_01_pre_users.sql:7:8: 42601: syntax error at or near \"TABEL\"" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_script_is_reported_and_nothing_is_applied(string @case, string fileName, string body, int exitCode, string expected)
    {
        _ = @case;
        using var folder = new MigrationFolder().With(fileName, body);
        var database = await fixture.CreateDatabaseAsync();

        var run = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", fixture.Server.ConnectionString(database));

        run.ExitCode.ShouldBe(exitCode, run.ToString());
        run.Error.ShouldContain(expected, Case.Sensitive, run.ToString());
        (await UserTableCountAsync(database)).ShouldBe(0);
    }

    [Fact]
    public async Task Duplicate_serial_lists_both_files()
    {
        using var folder = new MigrationFolder()
            .With("01.00.00_01_add_users.sql", "CREATE TABLE users (id int);")
            .With("01.00.00_01_pre_add_orders.sql", "CREATE TABLE orders (id int);");
        var database = await fixture.CreateDatabaseAsync();

        var run = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", fixture.Server.ConnectionString(database));

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain("version 01.00.00 serial 01 is used by more than one file: 01.00.00_01_add_users.sql, 01.00.00_01_pre_add_orders.sql");
        (await UserTableCountAsync(database)).ShouldBe(0);
    }

    [Fact]
    public async Task Missing_folder_is_an_input_error()
    {
        using var folder = new MigrationFolder();

        var run = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "--dir", "nowhere", "-c",
            fixture.Server.ConnectionString());

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain("nowhere: migrations folder not found");
    }

    [Fact]
    public async Task Unreachable_server_exits_3_and_names_the_target()
    {
        using var folder = new MigrationFolder().With("01.00.00_01_pre_users.sql", "CREATE TABLE users (id int);");

        var run = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c",
            "Host=127.0.0.1;Port=1;Username=app;Password=S3ntinel-Pa55;Database=shop;Timeout=3");

        run.ExitCode.ShouldBe(3, run.ToString());
        run.Error.ShouldContain("127.0.0.1:1/shop as app: cannot connect");
        (run.Output + run.Error).ShouldNotContain("S3ntinel-Pa55");
    }

    [Fact]
    public async Task Changed_checksum_refuses_the_upgrade()
    {
        using var folder = new MigrationFolder().With("01.00.00_01_pre_users.sql", "CREATE TABLE users (id int);");
        var database = await fixture.CreateDatabaseAsync();
        var connection = fixture.Server.ConnectionString(database);
        (await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", connection)).ExitCode.ShouldBe(0);
        folder.With("01.00.00_01_pre_users.sql", "CREATE TABLE users (id bigint);")
            .With("01.00.00_02_pre_orders.sql", "CREATE TABLE orders (id int);");

        var run = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", connection);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain("01.00.00_01_pre_users: changed since it was applied");
        (await UserTableCountAsync(database)).ShouldBe(1); // orders was not applied
    }

    [Fact]
    public async Task Unknown_option_is_a_usage_error()
    {
        using var folder = new MigrationFolder();

        var run = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "sideways");

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain("sideways");
    }

    private async Task<long> UserTableCountAsync(string database)
    {
        await using var dataSource = fixture.Server.CreateDataSource(database);
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'cutover_migrations'");
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
