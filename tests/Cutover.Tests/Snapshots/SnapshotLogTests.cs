using Cutover.Snapshots;
using Shouldly;

namespace Cutover.Tests.Snapshots;

public sealed class SnapshotLogTests(ServerFixture fixture)
{
    [Fact]
    public async Task A_build_then_a_hit_log_building_built_and_hit()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await GeneratedMigrations.LoadAsync(GeneratedMigrations.Write(1));
        await using var maintenance = fixture.Server.CreateDataSource();
        var log = new EventCollector<TemplateDatabaseCache>();
        var cache = new TemplateDatabaseCache(maintenance, logger: log);

        await cache.EnsureAsync(scripts, new SnapshotRequest(), ct);
        await cache.EnsureAsync(scripts, new SnapshotRequest(), ct);

        log.EventIds.ShouldBe([CutoverEventIds.SnapshotBuilding, CutoverEventIds.SnapshotBuilt, CutoverEventIds.SnapshotHit]);
    }
}
