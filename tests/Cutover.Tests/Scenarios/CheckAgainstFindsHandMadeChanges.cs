using Cutover.Execution;
using Cutover.Inspection;
using Cutover.Planning;
using Cutover.Scripts;
using Shouldly;

namespace Cutover.Tests.Scenarios;

/// <summary><c>check --against</c>: a production-like database is compared with what its journal says it should be,
/// and changes made by hand show up.</summary>
public sealed class CheckAgainstFindsHandMadeChanges(ServerFixture fixture, ProcrastinateAtHead procrastinate)
    : IClassFixture<ProcrastinateAtHead>
{
    [Fact]
    public async Task Column_added_and_index_dropped_by_hand_are_reported()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await MigrationSet.LoadAsync(
            new DirectoryScriptSource(SharedCorpus.Path("procrastinate", "migrations")), ct);
        await using var database = await procrastinate.CreateAsync();
        await using var production = database.CreateDataSource();
        string dropped;
        await using (var pick = production.CreateCommand(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'procrastinate_jobs' AND indexname NOT LIKE '%pkey' ORDER BY 1 LIMIT 1"))
        {
            dropped = (string)(await pick.ExecuteScalarAsync(ct))!;
        }

        await using (var hand = production.CreateCommand(
            $"ALTER TABLE procrastinate_jobs ADD COLUMN note text; DROP INDEX \"{dropped}\""))
        {
            await hand.ExecuteNonQueryAsync(ct);
        }

        var result = await new SchemaCheck(fixture.Server.DatabaseServer).CompareWithJournalAsync(scripts, production, ct);

        result.IsEquivalent.ShouldBeFalse();
        result.Differences.ShouldContain(d => d.Kind == DifferenceKind.OnlyInRight && d.ObjectKind == ObjectKind.Column &&
                                              d.ObjectName == "procrastinate_jobs.note");
        result.Differences.ShouldContain(d => d.Kind == DifferenceKind.OnlyInLeft && d.ObjectKind == ObjectKind.Index &&
                                              d.ObjectName == dropped);
    }

    [Fact]
    public async Task Untouched_database_matches_its_journal()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await MigrationSet.LoadAsync(
            new DirectoryScriptSource(SharedCorpus.Path("procrastinate", "migrations")), ct);
        await using var production = procrastinate.Database.CreateDataSource();

        var result = await new SchemaCheck(fixture.Server.DatabaseServer).CompareWithJournalAsync(scripts, production, ct);

        result.Differences.ShouldBeEmpty();
    }

    [Fact]
    public async Task Schema_sql_and_migrations_of_procrastinate_are_equivalent_but_for_column_order()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await MigrationSet.LoadAsync(
            new DirectoryScriptSource(SharedCorpus.Path("procrastinate", "migrations")), ct);

        var result = await new SchemaCheck(fixture.Server.DatabaseServer).CompareInstallWithUpgradeAsync(scripts, ct);

        result.IsEquivalent.ShouldBeTrue();
        result.Differences.ShouldHaveSingleItem().Property.ShouldBe("column order");
    }
}
