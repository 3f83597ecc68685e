using Cutover.Inspection;
using Shouldly;

namespace Cutover.Tests.Inspection;

/// <summary>Runs one row of the one-property-apart theories: two databases built from the same base plus one extra
/// script each must differ exactly as expected, written the way the text output starts its lines
/// (<c>differs: column t.a default</c>, <c>only in left: index i</c>), several joined by <c> | </c>.</summary>
internal static class DifferenceCase
{
    public static async Task AssertAsync(
        ServerFixture fixture, string expected, string baseSql, string leftSql, string rightSql,
        SchemaComparisonOptions? comparisonOptions = null, InspectionOptions? inspectionOptions = null)
    {
        var comparison = await SchemaBuilder.CompareAsync(
            fixture, baseSql, leftSql, rightSql, comparisonOptions, inspectionOptions);

        var actual = comparison.Differences.Select(Describe).ToArray();
        var wanted = expected.Length == 0 ? [] : expected.Split(" | ");
        actual.ShouldBe(wanted, ignoreOrder: true, SchemaComparisonFormatter.Format(comparison));
    }

    public static string Describe(SchemaDifference difference)
    {
        var what = ObjectKindNames.Format(difference.ObjectKind) + " " + difference.ObjectName;
        return difference.Kind switch
        {
            DifferenceKind.OnlyInLeft => "only in left: " + what,
            DifferenceKind.OnlyInRight => "only in right: " + what,
            DifferenceKind.Differs => "differs: " + what + " " + difference.Property,
            _ => "note: " + what + " " + difference.Property,
        };
    }
}
