using Cutover.Scripts;
using FsCheck;
using FsCheck.Fluent;
using Shouldly;

namespace Cutover.Tests.Scripts;

public sealed class ScriptVersionTests
{
    private static Arbitrary<ScriptVersion> Versions() =>
        (from parts in Gen.Choose(0, 12).ArrayOf().Where(a => a.Length is >= 1 and <= 4)
         from padded in Gen.Elements(true, false)
         select ScriptVersion.Parse(string.Join('.', parts.Select(p => padded ? p.ToString("00", System.Globalization.CultureInfo.InvariantCulture) : p.ToString(System.Globalization.CultureInfo.InvariantCulture)))))
        .ToArbitrary();

    [Fact]
    public void Components_compare_as_numbers() => (ScriptVersion.Parse("1.10") > ScriptVersion.Parse("1.9")).ShouldBeTrue();

    [Fact]
    public void Zero_padding_and_trailing_zeros_do_not_matter()
    {
        ScriptVersion.Parse("03.02").ShouldBe(ScriptVersion.Parse("3.2.0"));
        ScriptVersion.Parse("03.02").GetHashCode().ShouldBe(ScriptVersion.Parse("3.2.0").GetHashCode());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1..2")]
    [InlineData("v1.2")]
    [InlineData("1.2-beta")]
    public void TryParse_rejects_anything_but_dotted_numbers(string text) =>
        ScriptVersion.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void Equality_agrees_with_order_and_hash() =>
        Prop.ForAll(Versions(), Versions(), (a, b) =>
            (a.Equals(b) == (a.CompareTo(b) == 0)) &&
            (!a.Equals(b) || a.GetHashCode() == b.GetHashCode()) &&
            Math.Sign(a.CompareTo(b)) == -Math.Sign(b.CompareTo(a))).QuickCheckThrowOnFailure();

    [Fact]
    public void Order_is_transitive() =>
        Prop.ForAll(Versions(), Versions(), Versions(), (a, b, c) =>
            !(a <= b && b <= c) || a <= c).QuickCheckThrowOnFailure();
}
