using Cutover.Inspection;
using Shouldly;

namespace Cutover.Tests.Inspection;

public sealed class ProcrastinateSchemaTests(ServerFixture fixture)
{
    [Fact]
    public async Task Schema_sql_and_migrations_are_equivalent_apart_from_a_column_order_note()
    {
        var schemaSql = await File.ReadAllTextAsync(
            Corpus.PathOf("procrastinate", "schema.sql"), TestContext.Current.CancellationToken);
        var migrations = new List<string>();
        foreach (var file in System.IO.Directory.GetFiles(Corpus.PathOf("procrastinate", "migrations"), "*.sql")
                     .Order(StringComparer.Ordinal))
        {
            migrations.Add(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        }

        var installed = SchemaBuilder.CreateAsync(fixture, schemaSql);
        var upgraded = SchemaBuilder.CreateAsync(fixture, [.. migrations]);
        var left = await SchemaBuilder.InspectAsync(fixture, await installed);
        var right = await SchemaBuilder.InspectAsync(fixture, await upgraded);

        var comparison = new SchemaComparer().Compare(left, right, "schema.sql", "migrations");

        TestContext.Current.TestOutputHelper?.WriteLine(SchemaComparisonFormatter.Format(comparison));
        comparison.IsEquivalent.ShouldBeTrue(SchemaComparisonFormatter.Format(comparison));
        var note = comparison.Differences.ShouldHaveSingleItem();
        note.Kind.ShouldBe(DifferenceKind.Note);
        note.ObjectKind.ShouldBe(ObjectKind.Table);
        note.ObjectName.ShouldBe("procrastinate_jobs");
        note.Property.ShouldBe("column order");
        left.Tables.Length.ShouldBeGreaterThan(3);
        left.Routines.Length.ShouldBeGreaterThan(10);
        left.Triggers.Length.ShouldBeGreaterThan(5);
    }

    [Fact]
    public async Task Strict_column_order_makes_procrastinate_jobs_differ()
    {
        var schemaSql = await File.ReadAllTextAsync(
            Corpus.PathOf("procrastinate", "schema.sql"), TestContext.Current.CancellationToken);
        var database = await SchemaBuilder.CreateAsync(fixture, schemaSql);
        var model = await SchemaBuilder.InspectAsync(fixture, database);
        var reordered = model with
        {
            Columns = [.. model.Columns.Select(c => c.Table == "procrastinate_jobs" && c.Name == "id" ? c with { Position = 99 } : c)],
        };

        var comparison = new SchemaComparer(new SchemaComparisonOptions { StrictColumnOrder = true })
            .Compare(model, reordered);

        comparison.IsEquivalent.ShouldBeFalse();
        comparison.Differences.ShouldHaveSingleItem().Kind.ShouldBe(DifferenceKind.Differs);
    }
}
