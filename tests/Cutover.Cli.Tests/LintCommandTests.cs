using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Cutover.Tests;
using Shouldly;

namespace Cutover.Cli.Tests;

public sealed class LintCommandTests(ServerFixture fixture)
{
    private const string Create = "01.00.00_01_pre_create.sql";
    private const string Copy = "02.00.00_01_pre_copy_email.sql";

    private static MigrationFolder Project() => new MigrationFolder()
        .With(Create, "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\n")
        .With(Copy, "-- copy\nALTER TABLE accounts ADD COLUMN email_address text;\n  UPDATE accounts SET email_address = email;\n");

    private Task<CliRun> LintAsync(MigrationFolder folder, params string[] args) =>
        CliProcess.RunAsync(folder.Root, ["lint", "--scratch", fixture.Server.ConnectionString(), .. args]);

    [Fact]
    public async Task Error_finding_prints_location_source_line_and_caret_and_exits_1()
    {
        using var folder = Project();

        var run = await LintAsync(folder);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Output.ShouldContain($"migrations/{Copy}:3:3: error CUT109 whole-table-dml: UPDATE changes every row of public.accounts");
        run.Output.ShouldContain(" 3 |   UPDATE accounts SET email_address = email;\n   |   ^\n");
        run.Output.ShouldContain("= instead: a batched backfill");
        run.Output.ShouldContain("1 error(s), 0 warning(s) in 2 script(s)");
    }

    [Fact]
    public async Task Safe_scripts_exit_0()
    {
        using var folder = new MigrationFolder()
            .With(Create, "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);")
            .With(Copy, "ALTER TABLE accounts ADD COLUMN email_address text;");

        var run = await LintAsync(folder);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldContain("0 error(s), 0 warning(s) in 2 script(s)");
    }

    [Fact]
    public async Task Json_has_the_counts_and_every_field_of_a_finding()
    {
        using var folder = Project();

        var run = await LintAsync(folder, "--json");

        run.ExitCode.ShouldBe(1, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        root.GetProperty("errorCount").GetInt32().ShouldBe(1);
        root.GetProperty("scripts").GetArrayLength().ShouldBe(2);
        var finding = root.GetProperty("findings")[0];
        finding.GetProperty("ruleId").GetString().ShouldBe("CUT109");
        finding.GetProperty("severity").GetString().ShouldBe("Error");
        finding.GetProperty("phase").GetString().ShouldBe("Pre");
        finding.GetProperty("line").GetInt32().ShouldBe(3);
        finding.GetProperty("column").GetInt32().ShouldBe(3);
        finding.GetProperty("statement").GetString().ShouldBe("UPDATE accounts SET email_address = email");
    }

    [Fact]
    public async Task Sarif_is_a_2_1_0_log_with_rules_and_located_results()
    {
        using var folder = Project();

        var run = await LintAsync(folder, "--format", "sarif");

        run.ExitCode.ShouldBe(1, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        json.RootElement.GetProperty("version").GetString().ShouldBe("2.1.0");
        json.RootElement.GetProperty("$schema").GetString().ShouldBe("https://json.schemastore.org/sarif-2.1.0.json");
        var sarifRun = json.RootElement.GetProperty("runs")[0];
        sarifRun.GetProperty("tool").GetProperty("driver").GetProperty("rules").GetArrayLength().ShouldBe(19);
        var result = sarifRun.GetProperty("results")[0];
        result.GetProperty("ruleId").GetString().ShouldBe("CUT109");
        result.GetProperty("level").GetString().ShouldBe("error");
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        location.GetProperty("artifactLocation").GetProperty("uri").GetString().ShouldBe($"migrations/{Copy}");
        location.GetProperty("region").GetProperty("startLine").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task Github_format_prints_one_workflow_command_per_finding()
    {
        using var folder = Project();

        var run = await LintAsync(folder, "--format", "github");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Output.ShouldStartWith($"::error file=migrations/{Copy},line=3,col=3,title=CUT109 whole-table-dml::UPDATE changes");
        run.Output.Trim().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public async Task File_arguments_lint_those_scripts_only()
    {
        using var folder = Project();

        var run = await LintAsync(folder, "--json", Create);

        run.ExitCode.ShouldBe(0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        json.RootElement.GetProperty("scripts").EnumerateArray().Select(s => s.GetString()).ShouldBe([Create]);
    }

    [Fact]
    public async Task Only_pending_lints_what_the_database_has_not_applied()
    {
        using var folder = new MigrationFolder().With(Create, "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);");
        var database = await fixture.CreateDatabaseAsync();
        var target = fixture.Server.ConnectionString(database);
        (await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", target)).ExitCode.ShouldBe(0);
        folder.With(Copy, "ALTER TABLE accounts ADD COLUMN email_address text;\nUPDATE accounts SET email_address = email;\n");

        var run = await LintAsync(folder, "--only", "pending", "-c", target, "--json");

        run.ExitCode.ShouldBe(1, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        json.RootElement.GetProperty("scripts").EnumerateArray().Select(s => s.GetString()).ShouldBe([Copy]);
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--only", "some")]
    [InlineData("03.00.00_01_pre_missing.sql")]
    public async Task Bad_input_exits_2_with_one_line(string first, params string[] rest)
    {
        using var folder = Project();

        var run = await LintAsync(folder, [first, .. rest]);

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.Trim().Split('\n').Length.ShouldBe(1, run.ToString());
    }

    [Fact]
    public async Task Bad_bytes_and_bad_names_are_named_before_any_scratch_server_starts()
    {
        using var folder = Project()
            .With("03.00.00_01_pre_latin1.sql", [.. "SELECT 'caf"u8.ToArray(), 0xE9, .. "';\n"u8.ToArray()])
            .With("notes.sql", "SELECT 1;\n");

        var run = await LintAsync(folder);

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain("03.00.00_01_pre_latin1.sql:1:12: invalid UTF-8 byte 0xE9");
        run.Error.ShouldContain("notes.sql: 'notes.sql' is not a migration name");
        run.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task Unreachable_scratch_server_exits_3_without_the_password()
    {
        using var folder = Project();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var run = await CliProcess.RunAsync(folder.Root, "lint", "--scratch",
            $"Host=127.0.0.1;Port={port};Username=app;Password=S3ntinel-lint;Timeout=5");

        run.ExitCode.ShouldBe(3, run.ToString());
        run.Error.ShouldContain("connection refused");
        (run.Output + run.Error).ShouldNotContain("S3ntinel-lint");
    }
}
