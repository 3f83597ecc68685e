using Cutover.Snapshots;
using Cutover.Testing;
using Shouldly;

namespace Cutover.Tests.Snapshots;

/// <summary>Pruning keeps the newest N snapshots (on a server of its own, so other tests' templates are safe).</summary>
public sealed class PruneKeepsTheNewest
{
    [Fact]
    public async Task PruneAsync_keeps_the_newest_snapshots_and_drops_the_rest()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ThrowawayServer.StartAsync(cancellationToken: ct);
        await using var maintenance = server.CreateDataSource();
        var time = new SteppingTimeProvider();
        var cache = new TemplateDatabaseCache(maintenance, timeProvider: time);
        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var scripts = await GeneratedMigrations.LoadAsync(GeneratedMigrations.Write(1));
            names.Add((await cache.EnsureAsync(scripts, new SnapshotRequest(), ct)).TemplateName);
        }

        var result = await cache.PruneAsync(1, ct);

        result.Kept.ShouldBe([names[2]]);
        result.Dropped.ShouldBe([names[1], names[0]]);
        (await cache.ListAsync(ct)).Select(e => e.TemplateName).ShouldBe([names[2]]);
    }

    [Fact]
    public async Task PruneAsync_drops_builds_left_by_killed_processes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ThrowawayServer.StartAsync(cancellationToken: ct);
        await using var maintenance = server.CreateDataSource();
        var stale = await server.CreateDatabaseAsync("cutover_bld_0123456789abcdef_deadbeef", cancellationToken: ct);

        var result = await new TemplateDatabaseCache(maintenance).PruneAsync(5, ct);

        result.Dropped.ShouldBe([stale]);
    }

    /// <summary>Each UtcNow is a minute after the previous one, so build order is creation order.</summary>
    private sealed class SteppingTimeProvider : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now = _now.AddMinutes(1);
    }
}
