using Cutover.Inspection;
using Shouldly;

namespace Cutover.Tests.Inspection;

/// <summary>Pum's checker fixtures, built as Pum's own scripts build them (test/data/checker_test): both databases get
/// version 1.0.0, one is upgraded to 1.1.0 and checked against the other, then the other is upgraded too.</summary>
public sealed class PumChangelogTests(ServerFixture fixture)
{
    [Fact]
    public async Task Checker_test_differs_while_one_side_is_upgraded()
    {
        var comparison = await CompareAsync("checker_test", upgradeRight: false);

        comparison.IsEquivalent.ShouldBeFalse();
        comparison.Differences.Select(DifferenceCase.Describe).ShouldBe(
            [
                "only in left: table pum_test_checker.orders",
                "only in right: table pum_test_checker.inventory",
                "only in left: column pum_test_checker.products.description",
                "only in left: column pum_test_checker.products.weight",
                "only in left: column pum_test_checker.users.phone",
                "only in left: column pum_test_checker.users.status",
                "only in right: column pum_test_checker.users.email",
                "only in left: constraint pum_test_checker.products.products_weight_positive",
                "only in right: constraint pum_test_checker.products.products_in_stock_check",
                "only in left: constraint pum_test_checker.users.users_status_check",
                "only in right: constraint pum_test_checker.users.check_email",
                "only in left: index pum_test_checker.idx_products_name_desc",
                "only in left: sequence pum_test_checker.invoice_sequence",
                "only in left: sequence pum_test_checker.orders_id_seq",
                "only in right: sequence pum_test_checker.inventory_id_seq",
                "only in left: view pum_test_checker.user_orders",
                "only in left: function pum_test_checker.get_order_count(integer)",
                "only in left: function pum_test_checker.update_order_timestamp()",
            ],
            ignoreOrder: true,
            SchemaComparisonFormatter.Format(comparison));
    }

    [Fact]
    public async Task Checker_test_is_equivalent_once_both_sides_are_upgraded()
    {
        var comparison = await CompareAsync("checker_test", upgradeRight: true);

        comparison.Differences.ShouldBeEmpty(SchemaComparisonFormatter.Format(comparison));
    }

    [Fact]
    public async Task Changed_check_constraints_differ_while_one_side_is_upgraded()
    {
        var comparison = await CompareAsync("constraint_definition_change", upgradeRight: false);

        comparison.Differences.Select(DifferenceCase.Describe).ShouldBe(
            [
                "differs: constraint pum_test_constraint_def.measurements.measurement_value_positive definition",
                "differs: constraint pum_test_constraint_def.pipes.pipe_year_check definition",
            ],
            ignoreOrder: true,
            SchemaComparisonFormatter.Format(comparison));
        var pipes = comparison.Differences.Single(d => d.ObjectName.EndsWith("pipe_year_check", StringComparison.Ordinal));
        pipes.LeftValue!.ShouldContain(">= 1800");
        pipes.RightValue!.ShouldContain("> 1800");
    }

    [Fact]
    public async Task Changed_check_constraints_are_equivalent_once_both_sides_are_upgraded()
    {
        var comparison = await CompareAsync("constraint_definition_change", upgradeRight: true);

        comparison.Differences.ShouldBeEmpty(SchemaComparisonFormatter.Format(comparison));
    }

    private async Task<SchemaComparison> CompareAsync(string fixtureName, bool upgradeRight)
    {
        var initial = await ChangelogAsync(fixtureName, "1.0.0");
        var upgrade = await ChangelogAsync(fixtureName, "1.1.0");
        var left = SchemaBuilder.CreateAsync(fixture, [.. initial, .. upgrade]);
        var right = SchemaBuilder.CreateAsync(fixture, [.. initial, .. upgradeRight ? upgrade : []]);
        return new SchemaComparer().Compare(
            await SchemaBuilder.InspectAsync(fixture, await left),
            await SchemaBuilder.InspectAsync(fixture, await right));
    }

    // Pum applies a version's files in name order.
    private static async Task<string[]> ChangelogAsync(string fixtureName, string version)
    {
        var folder = Corpus.PathOf("pum", "data", fixtureName, "changelogs", version);
        var scripts = new List<string>();
        foreach (var file in System.IO.Directory.GetFiles(folder, "*.sql").Order(StringComparer.Ordinal))
        {
            scripts.Add(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        }

        return [.. scripts];
    }
}
