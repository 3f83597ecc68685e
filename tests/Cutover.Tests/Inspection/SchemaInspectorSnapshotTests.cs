using Cutover.Inspection;
using Shouldly;

namespace Cutover.Tests.Inspection;

public sealed class SchemaInspectorSnapshotTests(ServerFixture fixture)
{
    // Columns are read on the first connection and constraints on the second (CatalogQueries.Lanes): a second
    // connection with a snapshot of its own would see the new constraint of a column the first never saw.
    [Fact]
    public async Task Ddl_committed_after_the_export_shows_on_neither_connection()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await SchemaBuilder.CreateAsync(fixture, "CREATE TABLE orders (id int PRIMARY KEY)");
        await using var dataSource = fixture.Server.CreateDataSource(database);
        var before = await new SchemaInspector().InspectAsync(dataSource, ct);
        var inspector = new SchemaInspector
        {
            SnapshotExported = _ => SchemaBuilder.RunAsync(fixture, database,
                "ALTER TABLE orders ADD COLUMN total int CONSTRAINT total_positive CHECK (total > 0)"),
        };

        var during = await inspector.InspectAsync(dataSource, ct);

        during.Columns.ShouldNotContain(c => c.Name == "total");
        during.Constraints.ShouldNotContain(c => c.Name == "total_positive");
        new SchemaComparer().Compare(before, during).Differences.ShouldBeEmpty();
        var after = await new SchemaInspector().InspectAsync(dataSource, ct);
        after.Constraints.ShouldContain(c => c.Name == "total_positive");
    }
}
