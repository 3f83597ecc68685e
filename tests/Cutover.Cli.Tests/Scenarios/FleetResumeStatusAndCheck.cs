using System.Text.Json;
using Cutover.Tests;
using Cutover.Tests.Fleet;
using Shouldly;

namespace Cutover.Cli.Tests.Scenarios;

/// <summary>The fleet commands after an upgrade: <c>fleet resume RUN</c> finishes a run whose broken tenant was fixed
/// (the others untouched), <c>fleet status</c> counts where targets stand, and <c>fleet check</c> finds the one tenant
/// changed by hand while still checking the rest.</summary>
public sealed class FleetResumeStatusAndCheck(ServerFixture fixture)
{
    [Fact]
    public async Task Resume_by_run_id_runs_the_failed_target_again_and_leaves_done_ones_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        using var world = await FleetWorld.CreateAsync(fixture.Server, databases: 1, schemas: 3, ct);
        world.WithScript("01.00.00_02_pre_broken.sql",
            "DO $$ BEGIN IF current_schema() = 'tenant_02' AND to_regclass('public.fixed') IS NULL " +
            "THEN RAISE EXCEPTION 'broken tenant'; END IF; END $$;");

        var first = await CliProcess.RunAsync(world.Folder,
            "fleet", "upgrade", "--fleet", world.FleetFile, "--phase", "pre", "--json");
        first.ExitCode.ShouldBe(1, first.ToString());
        using var json = JsonDocument.Parse(first.Output);
        var runId = json.RootElement.GetProperty("runId").GetString()!;
        await using (var app = fixture.Server.CreateDataSource(world.SchemaDatabase))
        await using (var fix = app.CreateCommand("CREATE TABLE public.fixed (id int)"))
        {
            await fix.ExecuteNonQueryAsync(ct);
        }

        var resumed = await CliProcess.RunAsync(world.Folder, "fleet", "resume", runId, "--fleet", world.FleetFile);

        resumed.ExitCode.ShouldBe(0, resumed.ToString());
        var ledger = await world.LedgerAsync(ct);
        ledger.ShouldAllBe(r => r.Run == runId && r.State == "done", string.Join("\n", ledger));
        ledger.Single(r => r.Name == "tenant_02").Attempts.ShouldBe(2);
        ledger.Where(r => r.Name != "tenant_02").ShouldAllBe(r => r.Attempts == 1);
        foreach (var target in world.Targets)
        {
            (await world.ScalarAsync<long>(target, "SELECT count(*) FROM marks WHERE script = '01'", ct)).ShouldBe(1, target);
        }
    }

    [Fact]
    public async Task Status_counts_the_targets_and_check_names_the_one_changed_by_hand()
    {
        var ct = TestContext.Current.CancellationToken;
        using var world = await FleetWorld.CreateAsync(fixture.Server, databases: 2, schemas: 2, ct);
        (await CliProcess.RunAsync(world.Folder, "fleet", "upgrade", "--fleet", world.FleetFile, "--phase", "pre"))
            .ExitCode.ShouldBe(0);

        var status = await CliProcess.RunAsync(world.Folder, "fleet", "status", "--fleet", world.FleetFile);
        status.ExitCode.ShouldBe(0, status.ToString());
        status.Output.ShouldContain("4 target(s): 0 current, 4 behind, 0 failed", Case.Sensitive, status.ToString());

        await using (var app = fixture.Server.CreateDataSource(world.SchemaDatabase))
        await using (var handmade = app.CreateCommand("CREATE TABLE tenant_01.handmade (id int)"))
        {
            await handmade.ExecuteNonQueryAsync(ct);
        }

        var check = await CliProcess.RunAsync(world.Folder,
            "fleet", "check", "--fleet", world.FleetFile, "--scratch", fixture.Server.ConnectionString());

        check.ExitCode.ShouldBe(1, check.ToString());
        check.Output.ShouldContain("drifted tenant_01", Case.Sensitive, check.ToString());
        check.Output.ShouldContain("handmade", Case.Sensitive, check.ToString());
        check.Output.ShouldContain("ok      tenant_02", Case.Sensitive, check.ToString());
        check.Output.ShouldContain("4 target(s): 3 as their journal says, 1 drifted, 0 not checked.", Case.Sensitive, check.ToString());
    }
}
