using Cutover.Scripts;
using Shouldly;

namespace Cutover.Tests.Scripts;

public sealed class ScriptDirectivesTests
{
    [Theory]
    [InlineData("-- cutover:no-transaction\ncreate index concurrently i on t (a);")]
    [InlineData("--cutover:no-transaction")]
    [InlineData("-- Cutover : No-Transaction  \r\nselect 1")]
    [InlineData("\n\n/* header */\n-- author: x\n\t--   CUTOVER:NO-TRANSACTION\nselect 1")]
    public void DisablesTransaction_finds_the_directive_before_the_first_statement(string script) =>
        ScriptDirectives.DisablesTransaction(script).ShouldBeTrue();

    [Theory]
    [InlineData("")]
    [InlineData("select 1;\n-- cutover:no-transaction\nselect 2;")]
    [InlineData("/* cutover:no-transaction */ select 1")]
    [InlineData("-- we do not want cutover:no-transaction here\nselect 1")]
    [InlineData("-- cutover:no-transactions\nselect 1")]
    [InlineData("select '\n-- cutover:no-transaction\n'")]
    public void DisablesTransaction_ignores_anything_else(string script) =>
        ScriptDirectives.DisablesTransaction(script).ShouldBeFalse();
}
