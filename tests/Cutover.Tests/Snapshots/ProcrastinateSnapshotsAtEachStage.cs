using Cutover.Scripts;
using Cutover.Snapshots;
using Shouldly;

namespace Cutover.Tests.Snapshots;

/// <summary>The Procrastinate corpus as Procrastinate's CI uses it: a database at a release plus its following
/// pre-migrations, and one at everything, the second extending the first.</summary>
public sealed class ProcrastinateSnapshotsAtEachStage(ServerFixture fixture)
{
    [Fact]
    public async Task Everything_extends_the_release_plus_pre_snapshot()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await MigrationSet.LoadAsync(
            new DirectoryScriptSource(SharedCorpus.Path("procrastinate", "migrations")), ct);
        await using var maintenance = fixture.Server.CreateDataSource();
        var cache = new TemplateDatabaseCache(maintenance);
        var request = new SnapshotRequest { Stage = SnapshotStage.PreAfter(ScriptVersion.Parse("03.02.00")) };

        var pre = await cache.EnsureAsync(scripts, request, ct);
        var all = await cache.EnsureAsync(scripts, new SnapshotRequest(), ct);

        all.Origin.ShouldBe(SnapshotOrigin.Extended);
        all.Applied.ShouldBe(scripts.Scripts.Length - pre.ScriptCount);
    }
}
