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

    public static TheoryData<string, byte[], string> BadBytes => new()
    {
        // case, bytes of the third script (after two good ones), expected in stderr
        { "Latin-1 text", [.. "CREATE TABLE c (id int);\nCOMMENT ON TABLE c IS 'caf"u8, 0xE9, .. "';\n"u8],
            "migrations/01.00.00_03_pre_c.sql:2:27: invalid UTF-8 byte 0xE9" },
        { "NUL byte", [.. "CREATE TABLE c (id int);\nSELECT '"u8, 0x00, .. "';\n"u8],
            "migrations/01.00.00_03_pre_c.sql:2:9: NUL byte (0x00)" },
        { "UTF-16", [0xFF, 0xFE, (byte)'S', 0, (byte)'E', 0],
            "migrations/01.00.00_03_pre_c.sql:1:1: UTF-16 text (byte order mark 0xFF 0xFE)" },
        { "overlong encoding", [.. "SELECT '"u8, 0xC0, 0x80, .. "';\n"u8],
            "migrations/01.00.00_03_pre_c.sql:1:9: invalid UTF-8 byte 0xC0 (2 invalid sequences in the file)" },
    };

    [Theory]
    [MemberData(nameof(BadBytes))]
    public async Task Bad_bytes_in_a_later_script_apply_nothing(string @case, byte[] bytes, string expected)
    {
        _ = @case;
        using var folder = new MigrationFolder()
            .With("01.00.00_01_pre_a.sql", "CREATE TABLE a (id int);")
            .With("01.00.00_02_pre_b.sql", "CREATE TABLE b (id int);")
            .With("01.00.00_03_pre_c.sql", bytes);
        var database = await fixture.CreateDatabaseAsync();

        var run = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", fixture.Server.ConnectionString(database));

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain(expected, Case.Sensitive, run.ToString());
        (await UserObjectsAsync(database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_bad_file_is_listed_in_one_run()
    {
        using var folder = new MigrationFolder()
            .With("01.00.00_01_pre_a.sql", [.. "SELECT '"u8, 0xE9, .. "';"u8])
            .With("01.00.00_02_pre_b.sql", [.. "SELECT '"u8, 0x00, .. "';"u8])
            .With("b_bad_name.sql", "SELECT 1;")
            .WithSchema([.. "CREATE TABLE s (id int);\n"u8, 0xFF]);
        var database = await fixture.CreateDatabaseAsync();

        var run = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", fixture.Server.ConnectionString(database));

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain("migrations/01.00.00_01_pre_a.sql:1:9: invalid UTF-8 byte 0xE9", Case.Sensitive, run.ToString());
        run.Error.ShouldContain("migrations/01.00.00_02_pre_b.sql:1:9: NUL byte", Case.Sensitive, run.ToString());
        run.Error.ShouldContain("b_bad_name.sql' is not a migration name", Case.Sensitive, run.ToString());
        run.Error.ShouldContain("schema.sql:2:1: invalid UTF-8 byte 0xFF", Case.Sensitive, run.ToString());
        (await UserObjectsAsync(database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Bad_schema_sql_refuses_install()
    {
        using var folder = new MigrationFolder()
            .With("01.00.00_01_pre_a.sql", "CREATE TABLE a (id int);")
            .WithSchema([.. "CREATE TABLE a (id int);\nSELECT 1;\0\n"u8]);
        var database = await fixture.CreateDatabaseAsync();

        var run = await CliProcess.RunAsync(folder.Root, "install", "-c", fixture.Server.ConnectionString(database));

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain("schema.sql:2:10: NUL byte", Case.Sensitive, run.ToString());
        (await UserObjectsAsync(database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Folder_named_like_a_script_is_an_input_error()
    {
        using var folder = new MigrationFolder().With("01.00.00_01_pre_a.sql", "CREATE TABLE a (id int);");
        Directory.CreateDirectory(Path.Combine(folder.Migrations, "01.00.00_02_pre_x.sql"));
        var database = await fixture.CreateDatabaseAsync();

        var run = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", fixture.Server.ConnectionString(database));

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain("migrations/01.00.00_02_pre_x.sql: is a folder, not a script file", Case.Sensitive, run.ToString());
        (await UserObjectsAsync(database)).ShouldBeEmpty();
    }

    public static TheoryData<string, string> BadTables => new()
    {
        // command, --table value
        { "upgrade", "\"ops\".journal" },
        { "upgrade", "ops journal" },
        { "upgrade", "a.b.c" },
        { "upgrade", "ops." },
        { "upgrade", ".journal" },
        { "upgrade", "" },
        { "upgrade", "journal; DROP TABLE a" },
        { "upgrade", "Ops.Journal" },
        { "upgrade", "1ops.journal" },
        { "upgrade", "ops." + new string('j', 64) },
        { "status", "ops journal" },
        { "validate", "a.b.c" },
        { "check", "ops journal" },
        { "deploy", "ops journal" },
    };

    [Theory]
    [MemberData(nameof(BadTables))]
    public async Task Table_that_is_not_a_plain_name_is_an_input_error(string command, string table)
    {
        using var folder = new MigrationFolder().With("01.00.00_01_pre_a.sql", "CREATE TABLE a (id int);");
        var database = await fixture.CreateDatabaseAsync();
        string[] args = command switch
        {
            "upgrade" => ["upgrade", "--phase", "all"],
            "deploy" => ["deploy", "--report", "--assembly", "nowhere.dll"],
            "check" => ["check"],
            _ => [command],
        };

        var run = await CliProcess.RunAsync(folder.Root,
            [.. args, "--table", table, .. command == "check" ? [] : new[] { "-c", fixture.Server.ConnectionString(database) }]);

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain($"--table: '{table}' is not a plain table name", Case.Sensitive, run.ToString());
        (await UserObjectsAsync(database)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("upgrade", "--phase", "all")]
    [InlineData("upgrade", "--phase", "pre", "--dry-run")]
    [InlineData("baseline", "01.00.00")]
    [InlineData("install")]
    [InlineData("status")]
    [InlineData("validate")]
    [InlineData("script", "--phase", "all")]
    public async Task Journal_schema_that_does_not_exist_is_an_input_error(params string[] command)
    {
        using var folder = new MigrationFolder().With("01.00.00_01_pre_a.sql", "CREATE TABLE a (id int);");
        File.WriteAllText(Path.Combine(folder.Root, "schema.sql"), "CREATE TABLE a (id int);");
        var database = await fixture.CreateDatabaseAsync();

        var run = await CliProcess.RunAsync(folder.Root,
            [.. command, "--table", "opps.journal", "-c", fixture.Server.ConnectionString(database)]);

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain("journal table opps.journal: schema \"opps\" does not exist", Case.Sensitive, run.ToString());
        (await UserObjectsAsync(database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Journal_goes_into_an_existing_schema_the_deployer_owns_without_database_privileges()
    {
        // The journal used to run CREATE SCHEMA IF NOT EXISTS, which PostgreSQL refuses (42501) without CREATE on the
        // database even when the schema exists.
        using var folder = new MigrationFolder().With("01.00.00_01_pre_a.sql", "CREATE TABLE ops.a (id int);");
        var database = await fixture.CreateDatabaseAsync();
        var role = "deployer_" + database;
        await ExecuteAsync(database, $"CREATE ROLE {role} LOGIN; REVOKE CREATE ON DATABASE {database} FROM PUBLIC; " +
            $"CREATE SCHEMA ops AUTHORIZATION {role};");
        var connection = new NpgsqlConnectionStringBuilder(fixture.Server.ConnectionString(database)) { Username = role };

        var run = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "--table", "ops.journal", "-c",
            connection.ConnectionString);

        run.ExitCode.ShouldBe(0, run.ToString());
        (await UserObjectsAsync(database)).ShouldBe(["schema ops", "ops.a", "ops.journal"], ignoreOrder: true);
    }

    private async Task<long> UserTableCountAsync(string database)
    {
        await using var dataSource = fixture.Server.CreateDataSource(database);
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'cutover_migrations'");
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>Every table, view and sequence outside the system schemas, and every schema but public: what any
    /// applied script or a journal would have left.</summary>
    private async Task<List<string>> UserObjectsAsync(string database)
    {
        await using var dataSource = fixture.Server.CreateDataSource(database);
        await using var command = dataSource.CreateCommand(
            """
            SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'v', 'S', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\_toast%'
            UNION ALL
            SELECT 'schema ' || nspname FROM pg_namespace
            WHERE nspname NOT IN ('public', 'pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\_%'
            """);
        var objects = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            objects.Add(reader.GetString(0));
        }

        return objects;
    }

    private async Task ExecuteAsync(string database, string sql)
    {
        await using var dataSource = fixture.Server.CreateDataSource(database);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
