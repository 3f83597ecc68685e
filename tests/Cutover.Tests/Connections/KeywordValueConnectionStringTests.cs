using Cutover.Connections;
using Shouldly;

namespace Cutover.Tests.Connections;

public sealed class KeywordValueConnectionStringTests
{
    [Theory]
    [InlineData("host=db dbname=app")]
    [InlineData("  port = 5433")]
    [InlineData("host=db")]
    public void IsKeywordValue_recognises_libpq_strings(string text) =>
        KeywordValueConnectionString.IsKeywordValue(text).ShouldBeTrue();

    [Theory]
    [InlineData("Host=db;Database=app")]
    [InlineData("host=db;dbname=app")]
    [InlineData("Host=db")]
    [InlineData("Server=db")]
    [InlineData("postgresql://db")]
    public void IsKeywordValue_leaves_Npgsql_strings_alone(string text) =>
        KeywordValueConnectionString.IsKeywordValue(text).ShouldBeFalse();

    [Fact]
    public void Parse_reads_quoted_and_escaped_values()
    {
        var keywords = KeywordValueConnectionString.Parse(@"host=db dbname = 'my app' password='it\'s' user=a\ b");

        keywords.ShouldBe(new Dictionary<string, string>
        {
            ["host"] = "db",
            ["dbname"] = "my app",
            ["password"] = "it's",
            ["user"] = "a b",
        }, ignoreOrder: true);
    }

    [Fact]
    public void Parse_lets_a_later_keyword_win() =>
        KeywordValueConnectionString.Parse("port=1 port=2")["port"].ShouldBe("2");

    [Theory]
    [InlineData("host=db dbnam=app", "connection string: \"dbnam\" is not a libpq connection keyword")]
    [InlineData("host=db dbname", "connection string: missing \"=\" after \"dbname\"")]
    [InlineData("host='db", "connection string: unterminated quoted value of \"host\"")]
    public void Parse_names_what_is_wrong(string text, string message) =>
        Should.Throw<ConnectionConfigurationException>(() => KeywordValueConnectionString.Parse(text))
            .Message.ShouldBe(message);

    [Fact]
    public void Parse_does_not_quote_input_that_holds_a_password() =>
        Should.Throw<ConnectionConfigurationException>(
                () => KeywordValueConnectionString.Parse("host=db password=S3ntinel Pa55"))
            .Message.ShouldNotContain("Pa55");
}
