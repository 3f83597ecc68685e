using System.Text.Json;
using Cutover.Testing;
using Shouldly;

namespace Cutover.Cli.Tests.Snapshots;

public sealed class CiCommandTests
{
    private static string Migrations()
    {
        var folder = Directory.CreateTempSubdirectory("cutover-cli-snap-").FullName;
        File.WriteAllText(Path.Combine(folder, "01.00.00_01_pre_create_a.sql"), "CREATE TABLE a (id int);\n");
        File.WriteAllText(Path.Combine(folder, "02.00.00_01_pre_add_b.sql"), "ALTER TABLE a ADD COLUMN b int;\n");
        File.WriteAllText(Path.Combine(folder, "02.00.00_50_post_drop_b.sql"), "ALTER TABLE a DROP COLUMN b;\n");
        return folder;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CutoverCommandLine.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Key_without_a_connection_hashes_the_files_and_stage_only()
    {
        var (code, output, _) = await RunAsync("ci", "key", "--dir", Migrations(), "--json");

        code.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("key").GetString()!.Length.ShouldBe(64);
        json.RootElement.GetProperty("includesServer").GetBoolean().ShouldBeFalse();
        json.RootElement.GetProperty("stage").GetString().ShouldBe("all");
    }

    [Fact]
    public async Task Key_for_stage_pre_without_released_is_an_input_error()
    {
        var (code, _, error) = await RunAsync("ci", "key", "--dir", Migrations(), "--stage", "pre");

        code.ShouldBe(2);
        error.ShouldContain("--released");
    }

    [Fact]
    public async Task Prepare_prints_one_connection_string_per_clone_and_prune_drops_snapshots()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ThrowawayServer.StartAsync(cancellationToken: ct);
        var connection = server.ConnectionString("postgres");
        var folder = Migrations();

        var (code, output, _) = await RunAsync("ci", "prepare", "--dir", folder, "--connection", connection,
            "--clones", "3", "--stage", "pre", "--released", "01.00.00");
        var (pruneCode, pruneOutput, _) = await RunAsync("ci", "prune", "--keep", "0", "--connection", connection);

        code.ShouldBe(0);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(3);
        lines.ShouldAllBe(l => l.Contains("Database=cutover_clone_"));
        pruneCode.ShouldBe(0);
        pruneOutput.ShouldContain("dropped 1");
    }

    [Fact]
    public async Task Compat_exits_1_when_the_old_tests_fail_against_release_plus_pre()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ThrowawayServer.StartAsync(cancellationToken: ct);
        var folder = Migrations();
        await File.WriteAllTextAsync(Path.Combine(folder, "02.00.00_02_pre_drop_id_too_early.sql"), "ALTER TABLE a DROP COLUMN id;\n", ct);

        var (code, output, error) = await RunAsync("compat", "--dir", folder, "--connection", server.ConnectionString("postgres"),
            "--released", "01.00.00", "--old-tests", "psql -X -v ON_ERROR_STOP=1 -c 'SELECT id FROM a'",
            "--new-tests", "test \"$CUTOVER_TEST_CONNECTION\" != ''");

        code.ShouldBe(1, error);
        output.ShouldContain("old tests @ 01.00.00 + pre  FAIL");
        output.ShouldContain("new tests @ all             pass");
    }
}
