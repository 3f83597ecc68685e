using Cutover.Inspection;
using Shouldly;

namespace Cutover.Tests.Inspection;

public sealed class SchemaComparisonFormatterTests
{
    private static SchemaComparison Comparison(params SchemaDifference[] differences) =>
        new() { LeftName = "schema.sql", RightName = "migrations", Differences = [.. differences] };

    [Fact]
    public void Differences_are_grouped_by_object_with_both_sides_labelled()
    {
        var text = SchemaComparisonFormatter.Format(Comparison(
            new SchemaDifference { Kind = DifferenceKind.OnlyInLeft, ObjectKind = ObjectKind.Index, ObjectName = "procrastinate_jobs_queue_idx" },
            new SchemaDifference
            {
                Kind = DifferenceKind.Differs, ObjectKind = ObjectKind.Column, ObjectName = "procrastinate_jobs.priority",
                Property = "default", LeftValue = "0", RightValue = "1",
            },
            new SchemaDifference
            {
                Kind = DifferenceKind.Differs, ObjectKind = ObjectKind.Column, ObjectName = "procrastinate_jobs.priority",
                Property = "not null", LeftValue = "true", RightValue = null,
            }));

        text.ShouldBe(
            """
            only in schema.sql: index procrastinate_jobs_queue_idx
            differs: column procrastinate_jobs.priority
              default
                schema.sql: 0
                migrations: 1
              not null
                schema.sql: true
                migrations: (none)

            schema.sql and migrations differ: 1 only in schema.sql, 1 differing

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Multi_line_values_are_shown_as_a_line_diff()
    {
        var text = SchemaComparisonFormatter.Format(Comparison(new SchemaDifference
        {
            Kind = DifferenceKind.Differs, ObjectKind = ObjectKind.Function, ObjectName = "f()", Property = "body",
            LeftValue = "a\nb\nc\nd\ne\nf\ng", RightValue = "a\nb\nc\nd\nE\nf\ng",
        }));

        text.ShouldBe(
            """
            differs: function f()
              body
                --- schema.sql
                +++ migrations
                 ...
                 c
                 d
                -e
                +E
                 f
                 g

            schema.sql and migrations differ: 1 differing

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Equivalent_schemas_say_so_and_count_notes()
    {
        var text = SchemaComparisonFormatter.Format(Comparison(new SchemaDifference
        {
            Kind = DifferenceKind.Note, ObjectKind = ObjectKind.Table, ObjectName = "procrastinate_jobs",
            Property = "column order", LeftValue = "id, priority", RightValue = "priority, id",
        }));

        text.ShouldEndWith("schema.sql and migrations are equivalent (1 note)\n");
        text.ShouldStartWith("note: table procrastinate_jobs\n  column order\n");
    }

    [Theory]
    [InlineData("index", ObjectKind.Index)]
    [InlineData("indexes", ObjectKind.Index)]
    [InlineData("Materialized View", ObjectKind.MaterializedView)]
    [InlineData("materialized-view", ObjectKind.MaterializedView)]
    [InlineData("composite_type", ObjectKind.CompositeType)]
    [InlineData("policies", ObjectKind.Policy)]
    public void Kind_names_parse_as_users_type_them(string text, ObjectKind expected)
    {
        ObjectKindNames.TryParse(text, out var kind).ShouldBeTrue();
        kind.ShouldBe(expected);
    }

    [Fact]
    public void Kind_names_round_trip()
    {
        foreach (var kind in Enum.GetValues<ObjectKind>())
        {
            ObjectKindNames.TryParse(ObjectKindNames.Format(kind), out var parsed).ShouldBeTrue();
            parsed.ShouldBe(kind);
        }
    }

    [Fact]
    public void Unknown_kind_names_do_not_parse() => ObjectKindNames.TryParse("widget", out _).ShouldBeFalse();
}
