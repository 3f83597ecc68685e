using Cutover.Scripts;
using Cutover.Snapshots;
using Cutover.Testing;
using Shouldly;

namespace Cutover.Tests.Snapshots;

/// <summary>A fixture for the tests below: three generated releases, at release 2 plus its following pre-migrations.</summary>
public sealed class ThreeReleasesAtTwoPlusPre(ServerFixture server) : SnapshotDatabaseFixture(server)
{
    private static readonly string Folder = GeneratedMigrations.Write(3);

    protected override Task<MigrationSet> LoadScriptsAsync() => GeneratedMigrations.LoadAsync(Folder);

    protected override SnapshotRequest Request => new() { Stage = SnapshotStage.PreAfter(ScriptVersion.Parse("2")) };
}

/// <summary>The usage example: an xunit v3 test class with a database of its own at a blue-green stage, a database
/// per test where it needs one, and a test skipped for releases before the version that introduced its feature.</summary>
public sealed class TestDatabasesTests(ThreeReleasesAtTwoPlusPre fixture, ServerFixture server)
    : IClassFixture<ThreeReleasesAtTwoPlusPre>
{
    [Fact]
    public async Task The_class_database_is_at_the_chosen_stage()
    {
        (await SnapshotTestKit.JournalCountAsync(server.Server, fixture.Database.Name)).ShouldBe(5);
    }

    [Fact]
    public async Task Each_test_can_take_its_own_fresh_database()
    {
        await using var database = await fixture.CreateAsync();

        database.Name.ShouldNotBe(fixture.Database.Name);
        (await SnapshotTestKit.TableCountAsync(server.Server, database.Name)).ShouldBe(3);
    }

    [Fact]
    public async Task A_disposed_database_is_dropped()
    {
        var database = await fixture.CreateAsync();

        await database.DisposeAsync();

        (await SnapshotTestKit.ScalarAsync(server.Server, "postgres",
            $"SELECT count(*) FROM pg_database WHERE datname = '{database.Name}'")).ShouldBe(0);
    }

    [Fact]
    public void Feature_of_release_3_is_skipped_for_release_2()
    {
        // In a real suite: Assert.SkipUnless(ReleaseGate.FromEnvironment(env).Includes("3"), "needs release 3").
        var gate = ReleaseGate.FromEnvironment(new Dictionary<string, string?> { ["CUTOVER_RELEASE"] = "02.00.00" });

        Assert.SkipUnless(gate.Includes("1.0"), "not reached: release 2 includes 1.0");
        gate.Includes("3").ShouldBeFalse();
        gate.Includes("02.00.00").ShouldBeTrue();
    }

    [Fact]
    public void The_current_code_includes_every_release()
    {
        ReleaseGate.FromEnvironment(new Dictionary<string, string?>()).Includes("99").ShouldBeTrue();
    }
}
