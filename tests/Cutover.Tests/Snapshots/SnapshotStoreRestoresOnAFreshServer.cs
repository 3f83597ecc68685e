using Cutover.Snapshots;
using Cutover.Testing;
using Shouldly;

namespace Cutover.Tests.Snapshots;

/// <summary>CI runners get a new server each job: the file store brings the snapshot back without replaying.</summary>
public sealed class SnapshotStoreRestoresOnAFreshServer
{
    [Fact]
    public async Task A_fresh_server_restores_the_snapshot_from_the_store()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await GeneratedMigrations.LoadAsync(GeneratedMigrations.Write(3));
        var store = Directory.CreateTempSubdirectory("cutover-store-").FullName;
        var options = new SnapshotOptions { StoreDirectory = store };
        Snapshot first;
        await using (var server = await ThrowawayServer.StartAsync(cancellationToken: ct))
        {
            await using var maintenance = server.CreateDataSource();
            first = await new TemplateDatabaseCache(maintenance, options).EnsureAsync(scripts, new SnapshotRequest(), ct);
        }

        await using var fresh = await ThrowawayServer.StartAsync(cancellationToken: ct);
        await using var freshMaintenance = fresh.CreateDataSource();
        var cache = new TemplateDatabaseCache(freshMaintenance, options);
        var second = await cache.EnsureAsync(scripts, new SnapshotRequest(), ct);

        first.Origin.ShouldBe(SnapshotOrigin.Replayed);
        Directory.GetFiles(store).Length.ShouldBe(1);
        second.Origin.ShouldBe(SnapshotOrigin.Restored);
        second.Applied.ShouldBe(0);
        var clone = (await cache.CloneAsync(second, 1, ct))[0];
        (await SnapshotTestKit.JournalCountAsync(fresh, clone)).ShouldBe(6);
        (await SnapshotTestKit.TableCountAsync(fresh, clone)).ShouldBe(3);
    }
}
