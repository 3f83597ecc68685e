using Cutover.Snapshots;
using Shouldly;

namespace Cutover.Tests.Snapshots;

/// <summary>Four independent caches (own data sources, as four CI processes would have) ask for the same snapshot on
/// a cold server: one builds it under the advisory lock, the others wait and find it, and each gets its clones.</summary>
public sealed class FourConcurrentPreparesBuildOnce(ServerFixture fixture)
{
    [Fact]
    public async Task Four_concurrent_prepares_build_the_template_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = GeneratedMigrations.Write(20);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task<(Snapshot Snapshot, IReadOnlyList<string> Clones)> PrepareAsync()
        {
            var scripts = await GeneratedMigrations.LoadAsync(folder);
            await using var maintenance = fixture.Server.CreateDataSource();
            var cache = new TemplateDatabaseCache(maintenance);
            await start.Task;
            var snapshot = await cache.EnsureAsync(scripts, new SnapshotRequest(), ct);
            return (snapshot, await cache.CloneAsync(snapshot, 2, ct));
        }

        var prepares = Enumerable.Range(0, 4).Select(_ => Task.Run(PrepareAsync, ct)).ToList();
        start.SetResult();
        var results = await Task.WhenAll(prepares);

        results.Count(r => r.Snapshot.Origin != SnapshotOrigin.Cached).ShouldBe(1);
        results.Sum(r => r.Snapshot.Applied).ShouldBe(40);
        results.Select(r => r.Snapshot.Key).Distinct().Count().ShouldBe(1);
        var clones = results.SelectMany(r => r.Clones).ToList();
        clones.Distinct().Count().ShouldBe(8);
        foreach (var clone in clones)
        {
            (await SnapshotTestKit.JournalCountAsync(fixture.Server, clone)).ShouldBe(40);
        }
    }
}
