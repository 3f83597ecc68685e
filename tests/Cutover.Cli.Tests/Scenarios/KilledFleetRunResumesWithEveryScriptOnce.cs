using Cutover.Tests;
using Cutover.Tests.Fleet;
using Shouldly;

namespace Cutover.Cli.Tests.Scenarios;

/// <summary>A <c>cutover fleet upgrade</c> SIGKILLed while one tenant's script waits on a lock the test holds, then
/// the same command again: it resumes the run, upgrades what is left, applies every script exactly once, and leaves
/// the targets that were done before the kill untouched (their ledger rows do not change).</summary>
public sealed class KilledFleetRunResumesWithEveryScriptOnce(ServerFixture fixture)
{
    [Fact]
    public async Task Rerunning_the_killed_command_finishes_the_run_without_touching_done_targets()
    {
        var ct = TestContext.Current.CancellationToken;
        using var world = await FleetWorld.CreateAsync(fixture.Server, databases: 2, schemas: 10, ct);
        world.WithScript("01.00.00_02_pre_gate.sql",
            "INSERT INTO marks VALUES ('02');\nDO $$ BEGIN IF current_schema() = 'tenant_05' THEN PERFORM pg_advisory_xact_lock(7005); END IF; END $$;");
        await using var app = fixture.Server.CreateDataSource(world.SchemaDatabase);
        var gate = await app.OpenConnectionAsync(ct);
        await using (var take = gate.CreateCommand())
        {
            take.CommandText = "SELECT pg_advisory_lock(7005)";
            await take.ExecuteNonQueryAsync(ct);
        }

        string[] command = ["fleet", "upgrade", "--fleet", world.FleetFile, "--phase", "pre", "--parallel", "2"];
        using (var first = CliProcess.Start(world.Folder, command))
        {
            await ServerProbe.WaitUntilAsync(app,
                "SELECT count(*) > 0 FROM pg_locks WHERE locktype = 'advisory' AND objid = 7005 AND NOT granted", true, ct);
            first.Kill();
            await first.WaitForExitAsync(ct);
        }

        var beforeResume = await world.LedgerAsync(ct);
        var doneBefore = beforeResume.Where(r => r.State == "done").ToList();
        doneBefore.ShouldNotBeEmpty();
        beforeResume.Single(r => r.Name == "tenant_05").State.ShouldBe("running");
        // Unlocked explicitly: disposing would only return the session, lock and all, to the pool.
        await using (var release = gate.CreateCommand())
        {
            release.CommandText = "SELECT pg_advisory_unlock(7005)";
            await release.ExecuteNonQueryAsync(ct);
        }

        await gate.DisposeAsync();

        var rerun = await CliProcess.RunAsync(world.Folder, command);

        rerun.ExitCode.ShouldBe(0, rerun.ToString());
        rerun.Output.ShouldContain("resumed");
        var after = await world.LedgerAsync(ct);
        after.Select(r => r.Run).Distinct().Count().ShouldBe(1, "the rerun resumed the run instead of starting another");
        after.ShouldAllBe(r => r.State == "done");
        foreach (var done in doneBefore)
        {
            after.Single(r => r.Name == done.Name).Attempts.ShouldBe(1, $"{done.Name} was done before the kill and taken up again");
        }

        after.Single(r => r.Name == "tenant_05").Attempts.ShouldBe(2);
        foreach (var target in world.Targets)
        {
            (await world.ScalarAsync<string>(target, "SELECT string_agg(script, ',' ORDER BY script) FROM marks", ct))
                .ShouldBe("01,02", target);
        }
    }
}
