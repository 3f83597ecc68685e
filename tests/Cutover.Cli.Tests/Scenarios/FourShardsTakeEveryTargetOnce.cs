using System.Text.Json;
using Cutover.Tests;
using Cutover.Tests.Fleet;
using Shouldly;

namespace Cutover.Cli.Tests.Scenarios;

/// <summary>Four <c>cutover fleet upgrade --shard i/4</c> processes at once, as a Kubernetes Indexed Job runs them:
/// together they take every target once, with no overlap, each in a run of its own.</summary>
public sealed class FourShardsTakeEveryTargetOnce(ServerFixture fixture)
{
    [Fact]
    public async Task Shards_one_to_four_together_upgrade_every_target_once()
    {
        var ct = TestContext.Current.CancellationToken;
        using var world = await FleetWorld.CreateAsync(fixture.Server, databases: 3, schemas: 10, ct);

        var runs = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => CliProcess.RunAsync(world.Folder,
            "fleet", "upgrade", "--fleet", world.FleetFile, "--phase", "all", "--parallel", "2", "--shard", $"{i}/4", "--json")));

        runs.ShouldAllBe(r => r.ExitCode == 0, string.Join("\n", runs.Select(r => r.ToString())));
        var runIds = runs.Select(r => JsonDocument.Parse(r.Output).RootElement.GetProperty("runId").GetString()).ToList();
        runIds.Distinct().Count().ShouldBe(4);
        var ledger = await world.LedgerAsync(ct);
        ledger.Select(r => r.Name).Order().ShouldBe(world.Targets.Order(), "every target in exactly one shard");
        ledger.ShouldAllBe(r => r.State == "done" && r.Attempts == 1);
        foreach (var target in world.Targets)
        {
            (await world.ScalarAsync<long>(target, "SELECT count(*) FROM marks", ct)).ShouldBe(2, target);
        }
    }
}
