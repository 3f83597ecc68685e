using Cutover.Tests;
using Cutover.Tests.Fleet;
using Shouldly;

namespace Cutover.Cli.Tests;

public sealed class FleetCommandTests(ServerFixture fixture)
{
    [Fact]
    public async Task A_bad_fleet_file_exits_2_naming_file_line_and_key_and_runs_nothing()
    {
        using var folder = new MigrationFolder().With("01.00.00_01_pre_a.sql", "CREATE TABLE a (id int);");
        File.WriteAllText(Path.Combine(folder.Root, "fleet.yaml"),
            $"targets:\n  - name: billing\n    conection: \"{fixture.Server.ConnectionString()}\"\n");

        var run = await CliProcess.RunAsync(folder.Root, "fleet", "upgrade", "--fleet", "fleet.yaml", "--phase", "pre");

        run.ExitCode.ShouldBe(ExitCodes.InputError, run.ToString());
        run.Error.ShouldContain("fleet.yaml:3:5: targets[0].conection: unknown key");
    }

    [Fact]
    public async Task A_failed_target_exits_1_and_names_it_with_its_error_and_no_password()
    {
        var ct = TestContext.Current.CancellationToken;
        using var world = await FleetWorld.CreateAsync(fixture.Server, databases: 1, schemas: 0, ct);
        world.WriteFleet("  - name: gone\n    connection: \"Host=127.0.0.1;Port=1;Database=gone;Username=nobody;Password=s3nt1nel-pw;Timeout=2\"\n");

        var run = await CliProcess.RunAsync(world.Folder, "fleet", "upgrade", "--fleet", world.FleetFile, "--phase", "pre");

        run.ExitCode.ShouldBe(ExitCodes.Failed, run.ToString());
        run.Output.ShouldContain("failed gone (wave 1): 127.0.0.1:1/gone as nobody: cannot connect");
        (run.Output + run.Error).ShouldNotContain("s3nt1nel-pw");
    }
}
