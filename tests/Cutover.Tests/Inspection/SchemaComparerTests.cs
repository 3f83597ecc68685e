using Cutover.Inspection;
using Shouldly;

namespace Cutover.Tests.Inspection;

public sealed class SchemaComparerTests(ServerFixture fixture)
{
    [Fact]
    public Task Identical_ddl_is_equivalent() =>
        DifferenceCase.AssertAsync(
            fixture, "",
            """
            CREATE SCHEMA app;
            CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
            CREATE DOMAIN app.positive AS int CHECK (VALUE > 0);
            CREATE TYPE app.pair AS (a int, b text);
            CREATE TABLE app.person (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE,
                mood app.mood DEFAULT 'ok', age app.positive, twice int GENERATED ALWAYS AS (age * 2) STORED);
            CREATE TABLE app.pet (id serial PRIMARY KEY, owner int REFERENCES app.person ON DELETE CASCADE,
                during tstzrange, EXCLUDE USING gist (during WITH &&));
            CREATE INDEX pet_owner ON app.pet (owner) WHERE owner IS NOT NULL;
            CREATE TABLE app.log (at date NOT NULL, line text) PARTITION BY RANGE (at);
            CREATE TABLE app.log_2024 PARTITION OF app.log FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE VIEW app.adults AS SELECT id, name FROM app.person WHERE age >= 18;
            CREATE MATERIALIZED VIEW app.pet_count AS SELECT owner, count(*) AS n FROM app.pet GROUP BY owner;
            CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
            CREATE TRIGGER person_touch BEFORE UPDATE ON app.person FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
                EXECUTE FUNCTION app.touch();
            ALTER TABLE app.person ENABLE ROW LEVEL SECURITY;
            CREATE POLICY own ON app.person USING (name = current_user);
            COMMENT ON TABLE app.person IS 'people';
            """,
            "",
            "");

    [Fact]
    public Task Column_order_is_a_note_by_default() =>
        DifferenceCase.AssertAsync(
            fixture, "note: table t column order", "", "CREATE TABLE t (a int, b int)", "CREATE TABLE t (b int, a int)");

    [Fact]
    public Task Strict_column_order_makes_it_a_difference() =>
        DifferenceCase.AssertAsync(
            fixture, "differs: table t column order", "", "CREATE TABLE t (a int, b int)", "CREATE TABLE t (b int, a int)",
            comparisonOptions: new SchemaComparisonOptions { StrictColumnOrder = true });

    [Fact]
    public Task Ignored_kinds_are_not_compared() =>
        DifferenceCase.AssertAsync(
            fixture, "only in left: table u", "CREATE TABLE t (a int)", "CREATE INDEX i ON t (a); CREATE TABLE u (a int)", "",
            comparisonOptions: new SchemaComparisonOptions { IgnoredKinds = [ObjectKind.Index] });

    [Fact]
    public Task Children_of_a_missing_table_are_not_listed_again() =>
        DifferenceCase.AssertAsync(
            fixture, "only in left: table t", "",
            "CREATE TABLE t (a int PRIMARY KEY, b int CHECK (b > 0)); CREATE INDEX i ON t (b); " +
            "CREATE RULE r AS ON DELETE TO t DO INSTEAD NOTHING", "");

    [Fact]
    public void Differences_are_sorted_by_kind_name_and_property()
    {
        var left = new SchemaModel
        {
            Tables = [new TableModel { Schema = "public", Name = "b" }, new TableModel { Schema = "public", Name = "a" }],
            Sequences = [new SequenceModel { Schema = "public", Name = "s", Type = "bigint", Start = 2, Cache = 5 }],
        };
        var right = new SchemaModel
        {
            Sequences = [new SequenceModel { Schema = "public", Name = "s", Type = "bigint", Start = 1, Cache = 1 }],
        };

        var comparison = new SchemaComparer().Compare(left, right);

        comparison.Differences.Select(DifferenceCase.Describe).ShouldBe(
        [
            "only in left: table a",
            "only in left: table b",
            "differs: sequence s cache",
            "differs: sequence s start",
        ]);
    }

    [Fact]
    public void A_comparison_with_only_notes_is_equivalent()
    {
        var comparison = new SchemaComparison
        {
            LeftName = "l",
            RightName = "r",
            Differences = [new SchemaDifference { Kind = DifferenceKind.Note, ObjectKind = ObjectKind.Table, ObjectName = "t" }],
        };

        comparison.IsEquivalent.ShouldBeTrue();
    }
}
