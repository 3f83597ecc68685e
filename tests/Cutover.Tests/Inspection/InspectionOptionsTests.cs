using Cutover.Inspection;
using Shouldly;

namespace Cutover.Tests.Inspection;

public sealed class InspectionOptionsTests(ServerFixture fixture)
{
    private const string Journal =
        "CREATE TABLE cutover_migrations (id serial PRIMARY KEY, name text NOT NULL UNIQUE); " +
        "CREATE TABLE cutover_post_deploy (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, action text); " +
        "CREATE INDEX cutover_post_deploy_action ON cutover_post_deploy (action)";

    private static readonly InspectionOptions WithPrivileges = new() { IncludePrivileges = true };

    [Fact]
    public Task Journal_tables_and_their_sequences_and_indexes_are_left_out_by_default() =>
        DifferenceCase.AssertAsync(fixture, "", "", Journal, "");

    [Fact]
    public Task Excluded_tables_can_be_changed() =>
        DifferenceCase.AssertAsync(
            fixture, "only in left: table cutover_migrations | only in left: sequence cutover_migrations_id_seq",
            "", "CREATE TABLE cutover_migrations (id serial PRIMARY KEY)", "",
            inspectionOptions: new InspectionOptions { ExcludedTables = ["public.other"] });

    [Fact]
    public Task Excluded_schemas_are_left_out() =>
        DifferenceCase.AssertAsync(
            fixture, "", "", "CREATE SCHEMA scratch; CREATE TABLE scratch.t (a int); CREATE FUNCTION scratch.f() RETURNS int LANGUAGE sql AS 'SELECT 1'", "",
            inspectionOptions: new InspectionOptions { ExcludedSchemas = ["scratch"] });

    [Fact]
    public Task Privileges_are_left_out_by_default() =>
        DifferenceCase.AssertAsync(fixture, "", "CREATE TABLE t (a int)", "GRANT SELECT ON t TO PUBLIC", "");

    [Theory]
    [InlineData("differs: table t privileges", "GRANT SELECT ON t TO PUBLIC")]
    [InlineData("differs: column t.a privileges", "GRANT SELECT (a) ON t TO PUBLIC")]
    [InlineData("differs: view v privileges", "GRANT SELECT ON v TO PUBLIC")]
    [InlineData("differs: sequence s privileges", "GRANT USAGE ON SEQUENCE s TO PUBLIC")]
    [InlineData("differs: function f() privileges", "REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC")]
    [InlineData("differs: schema app privileges", "GRANT USAGE ON SCHEMA app TO PUBLIC")]
    [InlineData("differs: enum e privileges", "REVOKE USAGE ON TYPE e FROM PUBLIC")]
    public Task Included_privileges_are_compared(string expected, string grant) =>
        DifferenceCase.AssertAsync(
            fixture, expected,
            "CREATE SCHEMA app; CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t; CREATE SEQUENCE s; " +
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'; CREATE TYPE e AS ENUM ('a')",
            grant, "", inspectionOptions: WithPrivileges);

    [Fact]
    public void Excluded_tables_must_be_schema_qualified()
    {
        var options = new InspectionOptions { ExcludedTables = ["journal", "public.ok", "nothing."] };

        var exception = Should.Throw<ArgumentException>(() => new SchemaInspector(options));

        exception.Message.ShouldContain("'journal'");
        exception.Message.ShouldContain("'nothing.'");
    }

    [Fact]
    public async Task Inspecting_the_same_structure_twice_gives_equal_models_with_equal_hashes()
    {
        var schemaSql = await File.ReadAllTextAsync(
            Corpus.PathOf("procrastinate", "schema.sql"), TestContext.Current.CancellationToken);
        var first = SchemaBuilder.CreateAsync(fixture, schemaSql);
        var second = SchemaBuilder.CreateAsync(fixture, schemaSql);

        var left = await SchemaBuilder.InspectAsync(fixture, await first, WithPrivileges);
        var right = await SchemaBuilder.InspectAsync(fixture, await second, WithPrivileges);

        right.ShouldBe(left);
        right.GetHashCode().ShouldBe(left.GetHashCode());
    }
}
