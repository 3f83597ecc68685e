using Cutover.Safety;
using Shouldly;

namespace Cutover.Tests.Safety;

public sealed class AllowDirectiveTests
{
    [Theory]
    [InlineData("-- cutover:allow CUT105 empty table", "CUT105", "empty table")]
    [InlineData("--cutover : allow cut105", "CUT105", "")]
    [InlineData("-- CUTOVER:ALLOW CUT109   batched elsewhere  ", "CUT109", "batched elsewhere")]
    public void Directive_is_read_with_its_rule_and_reason(string comment, string rule, string reason)
    {
        var directive = AllowDirective.ReadAll(comment + "\n", 10).ShouldHaveSingleItem();

        directive.ShouldBe(new AllowDirective(rule, reason, 10));
    }

    [Theory]
    [InlineData("-- cutover:no-transaction")]
    [InlineData("-- cutover:allowance CUT105")]
    [InlineData("-- cutover:allow")]
    [InlineData("-- note: cutover:allow CUT105")]
    [InlineData("/* cutover:allow CUT105 */")]
    [InlineData("SELECT '-- cutover:allow CUT105'")]
    public void Other_text_is_not_a_directive(string text)
    {
        AllowDirective.ReadAll(text + "\n", 0).ShouldBeEmpty();
    }
}
