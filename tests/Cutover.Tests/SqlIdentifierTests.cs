using Shouldly;

namespace Cutover.Tests;

public sealed class SqlIdentifierTests
{
    [Theory]
    [InlineData("users", "\"users\"")]
    [InlineData("my\"table", "\"my\"\"table\"")]
    [InlineData("", "\"\"")]
    public void Quote_always_quotes_and_doubles_quotes(string identifier, string expected) =>
        SqlIdentifier.Quote(identifier).ShouldBe(expected);

    [Theory]
    [InlineData("users", "users")]
    [InlineData("_tmp$1", "_tmp$1")]
    [InlineData("Users", "\"Users\"")]
    [InlineData("1st", "\"1st\"")]
    [InlineData("new table", "\"new table\"")]
    [InlineData("a\"b", "\"a\"\"b\"")]
    [InlineData("", "\"\"")]
    public void QuoteIfNeeded_leaves_what_quote_ident_leaves_bare(string identifier, string expected) =>
        SqlIdentifier.QuoteIfNeeded(identifier).ShouldBe(expected);

    [Fact]
    public void QuoteIfNeeded_qualifies_each_part_on_its_own() =>
        SqlIdentifier.QuoteIfNeeded("Audit", "log").ShouldBe("\"Audit\".log");

    [Fact]
    public void QuoteLiteral_doubles_single_quotes() =>
        SqlIdentifier.QuoteLiteral("it's").ShouldBe("'it''s'");
}
