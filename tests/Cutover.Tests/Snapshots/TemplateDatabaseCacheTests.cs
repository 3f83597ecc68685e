using Cutover.Snapshots;
using Cutover.Testing;
using Shouldly;

namespace Cutover.Tests.Snapshots;

public sealed class TemplateDatabaseCacheTests(ServerFixture fixture)
{
    private ThrowawayServer Server => fixture.Server;

    [Fact]
    public async Task EnsureAsync_on_a_cold_cache_replays_into_a_template_that_refuses_connections()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await GeneratedMigrations.LoadAsync(GeneratedMigrations.Write(3));
        await using var maintenance = Server.CreateDataSource();
        var cache = new TemplateDatabaseCache(maintenance);

        var snapshot = await cache.EnsureAsync(scripts, new SnapshotRequest(), ct);

        snapshot.Origin.ShouldBe(SnapshotOrigin.Replayed);
        snapshot.Applied.ShouldBe(6);
        (await SnapshotTestKit.TemplateCountAsync(Server, snapshot.TemplateName)).ShouldBe(1);
    }

    [Fact]
    public async Task EnsureAsync_twice_finds_the_snapshot_cached()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await GeneratedMigrations.LoadAsync(GeneratedMigrations.Write(2));
        await using var maintenance = Server.CreateDataSource();
        var cache = new TemplateDatabaseCache(maintenance);
        var first = await cache.EnsureAsync(scripts, new SnapshotRequest(), ct);

        var second = await cache.EnsureAsync(scripts, new SnapshotRequest(), ct);

        second.Origin.ShouldBe(SnapshotOrigin.Cached);
        second.Key.ShouldBe(first.Key);
    }

    // Nine: more than CloneAsync makes at once, and one lane makes a clone more than the others.
    [Fact]
    public async Task CloneAsync_makes_databases_holding_the_snapshot()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await GeneratedMigrations.LoadAsync(GeneratedMigrations.Write(3));
        await using var maintenance = Server.CreateDataSource();
        var cache = new TemplateDatabaseCache(maintenance);
        var snapshot = await cache.EnsureAsync(scripts, new SnapshotRequest(), ct);

        var clones = await cache.CloneAsync(snapshot, 9, ct);

        clones.Distinct().Count().ShouldBe(9);
        foreach (var clone in clones)
        {
            (await SnapshotTestKit.TableCountAsync(Server, clone)).ShouldBe(3);
            (await SnapshotTestKit.JournalCountAsync(Server, clone)).ShouldBe(6);
        }
    }

    [Fact]
    public async Task CloneAsync_cancelled_after_its_first_clone_leaves_no_clone()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await GeneratedMigrations.LoadAsync(GeneratedMigrations.Write(1));
        await using var maintenance = Server.CreateDataSource();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var events = new EventCollector<TemplateDatabaseCache>
        {
            OnEvent = id =>
            {
                if (id == CutoverEventIds.CloneCreated)
                {
                    cancellation.Cancel();
                }
            },
        };
        var cache = new TemplateDatabaseCache(maintenance, logger: events);
        var snapshot = await cache.EnsureAsync(scripts, new SnapshotRequest(), ct);

        var failure = await Should.ThrowAsync<Exception>(() => cache.CloneAsync(snapshot, 8, cancellation.Token));

        failure.ShouldBeAssignableTo<OperationCanceledException>();
        events.EventIds.ShouldContain(CutoverEventIds.CloneCreated);
        (await SnapshotTestKit.ScalarAsync(Server, "postgres",
            $"SELECT count(*) FROM pg_database WHERE starts_with(datname, 'cutover_clone_{snapshot.Key.Short}')")).ShouldBe(0);
    }

    [Fact]
    public async Task A_pre_stage_snapshot_stops_before_the_next_post_migration()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await GeneratedMigrations.LoadAsync(GeneratedMigrations.Write(3));
        await using var maintenance = Server.CreateDataSource();
        var cache = new TemplateDatabaseCache(maintenance);
        var request = new SnapshotRequest { Stage = SnapshotStage.PreAfter(Cutover.Scripts.ScriptVersion.Parse("1")) };

        var snapshot = await cache.EnsureAsync(scripts, request, ct);
        var clone = (await cache.CloneAsync(snapshot, 1, ct))[0];

        snapshot.ScriptCount.ShouldBe(3);
        (await SnapshotTestKit.JournalCountAsync(Server, clone)).ShouldBe(3);
        (await SnapshotTestKit.ScalarAsync(Server, clone,
            "SELECT count(*) FROM information_schema.columns WHERE column_name = 'spare'")).ShouldBe(1);
    }

    [Fact]
    public async Task Install_builds_from_schema_sql()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = GeneratedMigrations.Write(1, "inst" + Guid.NewGuid().ToString("N")[..6]);
        var table = Path.GetFileName(Directory.GetFiles(folder, "*_01_pre_*")[0])["01.00.00_01_pre_create_".Length..^4];
        var schema = Path.Combine(Directory.CreateTempSubdirectory("cutover-schema-").FullName, "schema.sql");
        await File.WriteAllTextAsync(schema, $"CREATE TABLE {table} (id bigint PRIMARY KEY, name text NOT NULL);\n", ct);
        var scripts = await Cutover.Scripts.MigrationSet.LoadAsync(new Cutover.Scripts.DirectoryScriptSource(folder, schema), ct);
        await using var maintenance = Server.CreateDataSource();
        var cache = new TemplateDatabaseCache(maintenance);

        var snapshot = await cache.EnsureAsync(scripts, new SnapshotRequest { Build = SnapshotBuild.Install }, ct);
        var clone = (await cache.CloneAsync(snapshot, 1, ct))[0];

        snapshot.Origin.ShouldBe(SnapshotOrigin.Installed);
        (await SnapshotTestKit.TableCountAsync(Server, clone)).ShouldBe(1);
        (await SnapshotTestKit.ScalarAsync(Server, clone,
            "SELECT count(*) FROM public.cutover_migrations WHERE kind = 'schema'")).ShouldBe(2);
    }

    [Fact]
    public void Install_for_a_pre_stage_is_refused()
    {
        var request = new SnapshotRequest
        {
            Build = SnapshotBuild.Install,
            Stage = SnapshotStage.PreAfter(Cutover.Scripts.ScriptVersion.Parse("1")),
        };

        Should.Throw<ArgumentException>(() => request.Validate());
    }

    [Fact]
    public async Task DropDatabaseAsync_removes_a_clone()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await GeneratedMigrations.LoadAsync(GeneratedMigrations.Write(1));
        await using var maintenance = Server.CreateDataSource();
        var cache = new TemplateDatabaseCache(maintenance);
        var clone = (await cache.CloneAsync(await cache.EnsureAsync(scripts, new SnapshotRequest(), ct), 1, ct))[0];

        await cache.DropDatabaseAsync(clone, ct);

        (await SnapshotTestKit.ScalarAsync(Server, "postgres",
            $"SELECT count(*) FROM pg_database WHERE datname = '{clone}'")).ShouldBe(0);
    }
}
