using Cutover.Execution;
using Shouldly;

namespace Cutover.Tests.Execution;

public sealed class IndexFootprintTests
{
    private static InvalidIndex Index(string name, string table = "items", string schema = "public") =>
        new(schema, name, schema, table);

    [Theory]
    [InlineData("CREATE INDEX CONCURRENTLY items_v ON items (v);", "items_v")]
    [InlineData("create unique index concurrently if not exists items_v on only items (v)", "items_v")]
    [InlineData("CREATE INDEX \"Items_V\" ON items (v)", "Items_V")]
    [InlineData("CREATE INDEX ITEMS_V ON public.items (v)", "items_v")]
    [InlineData("-- build it\nCREATE /* now */ INDEX CONCURRENTLY items_v ON items (v)", "items_v")]
    public void Create_index_names_the_index(string sql, string name)
    {
        IndexFootprint.Of(sql).Covers(Index(name)).ShouldBeTrue();
    }

    [Fact]
    public void The_schema_of_a_qualified_table_is_the_index_schema()
    {
        var footprint = IndexFootprint.Of("CREATE INDEX CONCURRENTLY items_v ON app.items (v)");

        footprint.Covers(Index("items_v", schema: "app")).ShouldBeTrue();
        footprint.Covers(Index("items_v", schema: "public")).ShouldBeFalse();
    }

    [Fact]
    public void An_unnamed_index_and_other_statements_cover_nothing()
    {
        var footprint = IndexFootprint.Of("CREATE INDEX ON items (v); CREATE TABLE items_v (id int); SELECT 'CREATE INDEX items_v ON t'");

        footprint.IsEmpty.ShouldBeTrue();
        footprint.Covers(Index("items_v")).ShouldBeFalse();
    }

    [Fact]
    public void Reindex_covers_the_copies_it_leaves()
    {
        var index = IndexFootprint.Of("REINDEX INDEX CONCURRENTLY items_v;");
        var table = IndexFootprint.Of("REINDEX (VERBOSE) TABLE CONCURRENTLY public.items;");

        index.Covers(Index("items_v_ccnew")).ShouldBeTrue();
        index.Covers(Index("items_v_ccold1")).ShouldBeTrue();
        index.Covers(Index("items_v")).ShouldBeFalse();
        table.Covers(Index("items_pkey_ccnew")).ShouldBeTrue();
        table.Covers(Index("items_pkey_ccnew", table: "other")).ShouldBeFalse();
    }
}
