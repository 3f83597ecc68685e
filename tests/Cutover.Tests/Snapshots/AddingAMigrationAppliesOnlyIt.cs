using Cutover.Snapshots;
using Shouldly;

namespace Cutover.Tests.Snapshots;

/// <summary>A cache miss that shares a prefix with a cached snapshot clones it and applies only the new migration.</summary>
public sealed class AddingAMigrationAppliesOnlyIt(ServerFixture fixture)
{
    [Fact]
    public async Task Next_prepare_applies_only_the_added_migration()
    {
        var ct = TestContext.Current.CancellationToken;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var folder = GeneratedMigrations.Write(4, tag);
        await using var maintenance = fixture.Server.CreateDataSource();
        var cache = new TemplateDatabaseCache(maintenance);
        var before = await cache.EnsureAsync(await GeneratedMigrations.LoadAsync(folder), new SnapshotRequest(), ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "05.00.00_01_pre_add_extra.sql"),
            $"ALTER TABLE t_{tag}_4 ADD COLUMN extra text;\n", ct);

        var after = await cache.EnsureAsync(await GeneratedMigrations.LoadAsync(folder), new SnapshotRequest(), ct);

        before.Applied.ShouldBe(8);
        after.Origin.ShouldBe(SnapshotOrigin.Extended);
        after.Applied.ShouldBe(1);
        after.Key.ShouldNotBe(before.Key);
        var clone = (await cache.CloneAsync(after, 1, ct))[0];
        (await SnapshotTestKit.JournalCountAsync(fixture.Server, clone)).ShouldBe(9);
        (await SnapshotTestKit.ScalarAsync(fixture.Server, clone,
            "SELECT count(*) FROM information_schema.columns WHERE column_name = 'extra'")).ShouldBe(1);
    }
}
