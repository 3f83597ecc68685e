using Cutover.Journal;
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

        // The journal table is part of a snapshot's key: one of this test's own keeps other tests that snapshot the
        // same corpus on the shared server (ProcrastinateAtHead) from building "everything" first.
        var journal = JournalTableName.Parse("public.stages_test_journal");
        var request = new SnapshotRequest { Stage = SnapshotStage.PreAfter(ScriptVersion.Parse("03.02.00")), JournalTable = journal };

        var pre = await cache.EnsureAsync(scripts, request, ct);
        var all = await cache.EnsureAsync(scripts, new SnapshotRequest { JournalTable = journal }, ct);

        all.Origin.ShouldBe(SnapshotOrigin.Extended);
        all.Applied.ShouldBe(scripts.Scripts.Length - pre.ScriptCount);
    }
}
