using Cutover.PostDeploy;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.PostDeploy;

/// <summary>Key options are checked before any batch runs: shape in the options, columns and NULLs in the catalog.</summary>
public sealed class BackfillKeyColumnsAreCheckedBeforeTheFirstBatch(ServerFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly BackfillOptions Orders = new() { Table = "orders", BatchSql = "SELECT 1" };

    [Fact]
    public void Options_naming_both_KeyColumn_and_KeyColumns_are_refused() =>
        Should.Throw<ArgumentException>(() => (Orders with { KeyColumn = "id", KeyColumns = ["tenant_id", "id"] }).Validate())
            .Message.ShouldContain("give KeyColumn or KeyColumns, not both");

    [Fact]
    public void Empty_KeyColumns_are_refused() =>
        Should.Throw<ArgumentException>(() => (Orders with { KeyColumns = [] }).Validate())
            .Message.ShouldContain("KeyColumns must name at least one column");

    [Fact]
    public void Blank_and_repeated_key_columns_are_reported_together()
    {
        var message = Should.Throw<ArgumentException>(() => (Orders with { KeyColumns = ["id", " ", "id"] }).Validate()).Message;

        message.ShouldContain("KeyColumns must not hold empty names");
        message.ShouldContain("KeyColumns names \"id\" more than once");
    }

    [Fact]
    public void Options_with_equal_key_columns_are_equal_and_hash_alike()
    {
        var a = Orders with { KeyColumns = ["tenant_id", "id"] };
        var b = Orders with { KeyColumns = ["tenant_id", "id"] };

        a.ShouldBe(b);
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.ShouldNotBe(Orders with { KeyColumns = ["id", "tenant_id"] });
        Orders.ShouldNotBe(Orders with { KeyColumn = "id" }, "an explicit KeyColumn is not the default");
    }

    [Fact]
    public async Task Unknown_key_column_fails_naming_table_and_column_before_any_batch()
    {
        await using var dataSource = await CreateOrdersAsync();

        var outcome = await RunAsync(dataSource, Orders with { KeyColumns = ["tenant", "id", "Id"] });

        outcome.Kind.ShouldBe(PostDeployOutcomeKind.Failed);
        outcome.ErrorSummary.ShouldNotBeNull().ShouldContain("table public.orders has no column \"tenant\", \"Id\"", Case.Sensitive);
        await ShouldBeUntouchedAsync(dataSource);
    }

    [Fact]
    public async Task Unknown_table_fails_naming_it()
    {
        await using var dataSource = await CreateOrdersAsync();

        var outcome = await RunAsync(dataSource, Orders with { Schema = "sales", Table = "orders" });

        outcome.Kind.ShouldBe(PostDeployOutcomeKind.Failed);
        outcome.ErrorSummary.ShouldNotBeNull().ShouldContain("table \"sales\".\"orders\" not found", Case.Sensitive);
    }

    [Fact]
    public async Task Nullable_key_column_holding_nulls_is_refused_naming_it_before_any_batch()
    {
        await using var dataSource = await CreateOrdersAsync("INSERT INTO orders (tenant_id, id) VALUES (NULL, 7)");

        var outcome = await RunAsync(dataSource, Orders with { KeyColumns = ["tenant_id", "id"] });

        outcome.Kind.ShouldBe(PostDeployOutcomeKind.Failed);
        outcome.ErrorSummary.ShouldNotBeNull().ShouldContain("Backfill of public.orders: key column \"tenant_id\" holds NULLs", Case.Sensitive);
        await ShouldBeUntouchedAsync(dataSource);
    }

    [Fact]
    public async Task Nullable_key_column_without_nulls_is_walked_like_any_other()
    {
        await using var dataSource = await CreateOrdersAsync();

        var outcome = await RunAsync(dataSource, Orders with
        {
            KeyColumns = ["tenant_id", "id"],
            BatchSize = 7,
            BatchSql = """
                UPDATE orders SET counter = counter + 1
                WHERE (tenant_id, id) BETWEEN (@first1, @first2) AND (@last1, @last2)
                """,
        });

        outcome.Kind.ShouldBe(PostDeployOutcomeKind.Succeeded, outcome.ErrorSummary);
        (await PostDeployTestDatabase.ScalarAsync<long>(dataSource, "SELECT count(*) FROM orders WHERE counter <> 1")).ShouldBe(0);
    }

    /// <summary>A nullable tenant_id (no primary key) to walk with id, 3 tenants of 20 rows.</summary>
    private async Task<NpgsqlDataSource> CreateOrdersAsync(string more = "")
    {
        var database = await PostDeployTestDatabase.CreateAsync(fixture);
        var dataSource = fixture.Server.CreateDataSource(database);
        await using var command = dataSource.CreateCommand($"""
            CREATE TABLE orders (tenant_id int, id bigint NOT NULL, counter int NOT NULL DEFAULT 0, UNIQUE (tenant_id, id));
            INSERT INTO orders (tenant_id, id) SELECT t, i FROM generate_series(1, 3) AS t, generate_series(1, 20) AS i;
            {more};
            """);
        await command.ExecuteNonQueryAsync(Ct);
        return dataSource;
    }

    private static async Task ShouldBeUntouchedAsync(NpgsqlDataSource dataSource)
    {
        (await PostDeployTestDatabase.ScalarAsync<long>(dataSource, "SELECT count(*) FROM orders WHERE counter <> 0")).ShouldBe(0);
        (await PostDeployTestDatabase.ScalarAsync<object>(dataSource, "SELECT cursor FROM cutover_post_deploy")).ShouldBe(DBNull.Value);
    }

    private static async Task<PostDeployOutcome> RunAsync(NpgsqlDataSource dataSource, BackfillOptions options)
    {
        var runner = PostDeployTestDatabase.CreateRunner(
            dataSource, PostDeployCatalog.FromTypes(typeof(KeyedBackfill)), "test",
            services: new ServiceCollection().AddSingleton(new KeyedBackfillSpec(options)).BuildServiceProvider());
        var result = await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.Auto), cancellationToken: Ct);
        return result.Outcomes.ShouldHaveSingleItem();
    }
}
