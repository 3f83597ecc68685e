using Cutover.Scripts;
using Shouldly;

namespace Cutover.Tests.Scripts;

public sealed class SqlStatementTests
{
    [Fact]
    public void TextIn_returns_the_statement_text() =>
        new SqlStatement(3, 8).TextIn("-- select 1;").ShouldBe("select 1");

    [Fact]
    public void ScriptOffsetOf_maps_position_one_to_the_statement_start() =>
        new SqlStatement(10, 8).ScriptOffsetOf(new string(' ', 10) + "select 1", 1).ShouldBe(10);

    [Fact]
    public void ScriptOffsetOf_counts_a_surrogate_pair_as_one_character()
    {
        const string Script = "select '😀', nope";
        new SqlStatement(0, Script.Length).ScriptOffsetOf(Script, 13).ShouldBe(Script.IndexOf("nope", StringComparison.Ordinal));
    }

    [Fact]
    public void ScriptOffsetOf_past_the_end_maps_to_the_statement_end() =>
        new SqlStatement(2, 6).ScriptOffsetOf("  select; more", 7).ShouldBe(8);

    [Fact]
    public void ScriptOffsetOf_rejects_position_zero() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new SqlStatement(0, 1).ScriptOffsetOf("x", 0));
}
