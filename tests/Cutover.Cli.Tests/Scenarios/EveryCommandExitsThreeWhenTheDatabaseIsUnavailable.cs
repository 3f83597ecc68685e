using System.Net;
using System.Net.Sockets;
using Cutover.Tests;
using Cutover.Tests.Connections;
using Shouldly;

namespace Cutover.Cli.Tests.Scenarios;

/// <summary>Every command that connects, pointed at a server that is not there, a database that does not exist or a
/// password the server refuses, exits 3 with one line on stderr that names the target and the reason, with no stack
/// trace, and shows the password nowhere.</summary>
public sealed class EveryCommandExitsThreeWhenTheDatabaseIsUnavailable(ServerFixture fixture, PasswordServerFixture passwords)
    : IClassFixture<PasswordServerFixture>, IDisposable
{
    private const string Sentinel = "S3ntinel-pw-!";
    private const string MissingDatabase = "no_such_database";

    private static readonly string s_actions = Path.Combine(AppContext.BaseDirectory, "PostDeployFixtures.dll");

    /// <summary>Every command that connects; <c>check</c> reaches its scratch server (<c>--scratch</c>), and
    /// <c>check --against</c> and <c>diff</c> have a reachable database on the other side.</summary>
    private static readonly string[] s_commands =
    [
        "status", "upgrade", "install", "baseline", "validate", "script", "repair", "check", "check --against", "diff",
        "deploy", "ci prepare", "ci prune", "ci key", "compat",
    ];

    private static readonly string[] s_failures = ["unreachable server", "missing database", "wrong password"];

    private readonly MigrationFolder _project = CreateProject();
    private readonly TempFolder _secrets = new();

    public static TheoryData<string, string> CommandsAndFailures()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in s_commands)
        {
            foreach (var failure in s_failures)
            {
                data.Add(command, failure);
            }
        }

        return data;
    }

    public static TheoryData<string, string> CommandsAndPasswordSources()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in new[] { "status", "check --against", "diff", "deploy", "ci prepare" })
        {
            foreach (var source in new[] { "PGPASSWORD", "password file" })
            {
                data.Add(command, source);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CommandsAndFailures))]
    public async Task Command_exits_3_with_one_line_and_no_password(string command, string failure)
    {
        // Each failure writes the sentinel password in another notation: Npgsql keywords, URI, libpq key=value.
        var (target, reason) = failure switch
        {
            "unreachable server" => (
                $"Host=127.0.0.1;Port={ClosedPort()};Username=app;Password={Sentinel};Database=shop;Timeout=5",
                "connection refused"),
            "missing database" => (
                $"postgresql://postgres:{Uri.EscapeDataString(Sentinel)}@127.0.0.1:{fixture.Server.Port}/{MissingDatabase}",
                $"3D000: database \"{MissingDatabase}\" does not exist"),
            "wrong password" => (
                $"host=127.0.0.1 port={passwords.Server.Port} user={PasswordServerFixture.Role} password={Sentinel} dbname=postgres",
                "28P01: password authentication failed"),
            _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, null),
        };

        var run = await CliProcess.RunAsync(_project.Root, Arguments(command, target));

        ShouldBeUnavailable(run, reason);
    }

    [Theory]
    [MemberData(nameof(CommandsAndPasswordSources))]
    public async Task A_refused_password_from_the_environment_or_password_file_shows_nowhere(string command, string source)
    {
        var target = $"host=127.0.0.1 port={passwords.Server.Port} user={PasswordServerFixture.Role} dbname=postgres";
        var environment = source == "PGPASSWORD"
            ? new Dictionary<string, string> { ["PGPASSWORD"] = Sentinel }
            : new Dictionary<string, string>
            {
                ["PGPASSFILE"] = _secrets.Write("pgpass", $"127.0.0.1:{passwords.Server.Port}:*:{PasswordServerFixture.Role}:{Sentinel}\n"),
            };

        var run = await CliProcess.RunAsync(_project.Root, environment, Arguments(command, target));

        ShouldBeUnavailable(run, "28P01: password authentication failed");
    }

    public void Dispose()
    {
        _project.Dispose();
        _secrets.Dispose();
    }

    private string[] Arguments(string command, string target)
    {
        var reachable = fixture.Server.ConnectionString();
        return command switch
        {
            "status" or "install" or "validate" or "repair" => [command, "-c", target],
            "upgrade" or "script" => [command, "--phase", "all", "-c", target],
            "baseline" => ["baseline", "01.00.00", "-c", target],
            "check" => ["check", "--scratch", target],
            "check --against" => ["check", "--against", target, "--scratch", reachable],
            "diff" => ["diff", target, reachable],
            "deploy" => ["deploy", "--assembly", s_actions, "--auto", "-c", target],
            "ci prepare" => ["ci", "prepare", "-c", target],
            "ci prune" => ["ci", "prune", "--keep", "1", "-c", target],
            "ci key" => ["ci", "key", "-c", target],
            "compat" => ["compat", "-c", target, "--released", "01.00.00", "--old-tests", "true", "--new-tests", "true"],
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
        };
    }

    private static void ShouldBeUnavailable(CliRun run, string reason)
    {
        run.ExitCode.ShouldBe(3, run.ToString());
        var lines = run.Error.TrimEnd().Split('\n');
        lines.Length.ShouldBe(1, run.ToString());
        lines[0].ShouldContain(": cannot connect: " + reason, Case.Sensitive, run.ToString());
        run.Error.ShouldNotContain("   at ", Case.Sensitive, run.ToString());
        run.Error.ShouldNotContain("Unhandled exception", Case.Insensitive, run.ToString());
        (run.Output + run.Error).ShouldNotContain(Sentinel, Case.Sensitive, run.ToString());
        (run.Output + run.Error).ShouldNotContain(Uri.EscapeDataString(Sentinel), Case.Sensitive, run.ToString());
    }

    // A loopback port nothing listens on: bound for a moment to find it, then closed.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static MigrationFolder CreateProject()
    {
        var project = new MigrationFolder().With("01.00.00_01_pre_users.sql", "CREATE TABLE users (id int);\n");
        File.WriteAllText(Path.Combine(project.Root, "schema.sql"), "CREATE TABLE users (id int);\n");
        return project;
    }
}
