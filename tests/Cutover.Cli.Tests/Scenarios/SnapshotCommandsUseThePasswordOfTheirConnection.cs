using Cutover.Tests.Connections;
using Shouldly;

namespace Cutover.Cli.Tests.Scenarios;

/// <summary>On a server that demands a password, <c>ci prepare</c> and <c>compat</c> reach the databases they build
/// and clone, and their test commands reach theirs, with the password given in <c>--connection</c>; none of it is
/// printed.</summary>
public sealed class SnapshotCommandsUseThePasswordOfTheirConnection(PasswordServerFixture passwords)
    : IClassFixture<PasswordServerFixture>, IAsyncLifetime
{
    private readonly string _migrations = Directory.CreateTempSubdirectory("cutover-cli-password-").FullName;

    private string Connection =>
        $"host=127.0.0.1 port={passwords.Server.Port} user={PasswordServerFixture.Role} " +
        $"password={PasswordServerFixture.Password} dbname=postgres";

    public async ValueTask InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_migrations, "01.00.00_01_pre_create_a.sql"), "CREATE TABLE a (id int);\n");
        File.WriteAllText(Path.Combine(_migrations, "02.00.00_01_pre_add_b.sql"), "ALTER TABLE a ADD COLUMN b int;\n");
        await using var admin = passwords.Server.CreateDataSource();
        await using var grant = admin.CreateCommand($"ALTER ROLE {PasswordServerFixture.Role} CREATEDB");
        await grant.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_migrations, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Prepare_builds_and_clones_with_the_password()
    {
        var run = await RunAsync("ci", "prepare", "--dir", _migrations, "--connection", Connection, "--clones", "2");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(2, run.ToString());
        (run.Output + run.Error).ShouldNotContain(PasswordServerFixture.Password);
    }

    [Fact]
    public async Task Compat_test_commands_get_the_password_in_their_environment()
    {
        var run = await RunAsync("compat", "--dir", _migrations, "--connection", Connection, "--released", "01.00.00",
            "--old-tests", "psql -X -v ON_ERROR_STOP=1 -c 'SELECT id FROM a'",
            "--new-tests", "psql -X -v ON_ERROR_STOP=1 -c 'SELECT b FROM a'");

        run.ExitCode.ShouldBe(0, run.ToString());
        (run.Output + run.Error).ShouldNotContain(PasswordServerFixture.Password);
    }

    private static async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CutoverCommandLine.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
