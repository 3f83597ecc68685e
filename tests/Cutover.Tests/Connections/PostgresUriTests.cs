using Cutover.Connections;
using Shouldly;

namespace Cutover.Tests.Connections;

public sealed class PostgresUriTests
{
    [Theory]
    [InlineData("postgresql://db")]
    [InlineData("postgres://db")]
    public void IsUri_accepts_both_schemes(string text) => PostgresUri.IsUri(text).ShouldBeTrue();

    [Theory]
    [InlineData("Host=db")]
    [InlineData("host=db")]
    [InlineData("POSTGRESQL://db")]
    [InlineData("mysql://db")]
    public void IsUri_refuses_other_text(string text) => PostgresUri.IsUri(text).ShouldBeFalse();

    [Fact]
    public void Parse_reads_every_part()
    {
        var keywords = PostgresUri.Parse("postgresql://ana:secret@db.example.com:5433/app?sslmode=require&application_name=deploy");

        keywords.ShouldBe(new Dictionary<string, string>
        {
            ["user"] = "ana",
            ["password"] = "secret",
            ["host"] = "db.example.com",
            ["port"] = "5433",
            ["dbname"] = "app",
            ["sslmode"] = "require",
            ["application_name"] = "deploy",
        }, ignoreOrder: true);
    }

    [Fact]
    public void Parse_of_scheme_alone_gives_nothing() => PostgresUri.Parse("postgresql://").ShouldBeEmpty();

    [Fact]
    public void Parse_percent_decodes_user_password_and_database()
    {
        var keywords = PostgresUri.Parse("postgresql://an%40a:p%3Ass%2Fw%C3%B6rd@db/my%20app");

        keywords["user"].ShouldBe("an@a");
        keywords["password"].ShouldBe("p:ss/wörd");
        keywords["dbname"].ShouldBe("my app");
    }

    [Fact]
    public void Parse_does_not_turn_plus_into_space() =>
        PostgresUri.Parse("postgresql://db/a+b")["dbname"].ShouldBe("a+b");

    [Fact]
    public void Parse_reads_a_percent_encoded_socket_folder_as_host()
    {
        var keywords = PostgresUri.Parse("postgresql://%2Fvar%2Frun%2Fpostgresql/app");

        keywords["host"].ShouldBe("/var/run/postgresql");
        keywords["dbname"].ShouldBe("app");
    }

    [Fact]
    public void Parse_takes_host_from_the_query_when_the_authority_is_empty()
    {
        var keywords = PostgresUri.Parse("postgresql:///app?host=/tmp/pg&port=5439");

        keywords["host"].ShouldBe("/tmp/pg");
        keywords["port"].ShouldBe("5439");
        keywords["dbname"].ShouldBe("app");
    }

    [Fact]
    public void Parse_lets_the_query_override_the_authority() =>
        PostgresUri.Parse("postgresql://db1/app?host=db2")["host"].ShouldBe("db2");

    [Fact]
    public void Parse_reads_an_IPv6_address_in_brackets()
    {
        var keywords = PostgresUri.Parse("postgresql://[::1]:5433/app");

        keywords["host"].ShouldBe("::1");
        keywords["port"].ShouldBe("5433");
    }

    [Fact]
    public void Parse_reads_several_hosts_into_parallel_lists()
    {
        var keywords = PostgresUri.Parse("postgresql://h1:5432,h2,[2001:db8::1]:5434/app");

        keywords["host"].ShouldBe("h1,h2,2001:db8::1");
        keywords["port"].ShouldBe("5432,,5434");
    }

    [Fact]
    public void Parse_leaves_an_empty_database_unset() =>
        PostgresUri.Parse("postgresql://db/").ContainsKey("dbname").ShouldBeFalse();

    [Fact]
    public void Parse_takes_the_user_without_password()
    {
        var keywords = PostgresUri.Parse("postgresql://ana@db");

        keywords["user"].ShouldBe("ana");
        keywords.ContainsKey("password").ShouldBeFalse();
    }

    [Fact]
    public void Parse_reads_connect_timeout_and_options_from_the_query()
    {
        var keywords = PostgresUri.Parse("postgresql://db/app?connect_timeout=10&options=-c%20lock_timeout%3D5s");

        keywords["connect_timeout"].ShouldBe("10");
        keywords["options"].ShouldBe("-c lock_timeout=5s");
    }

    [Fact]
    public void Parse_reads_ssl_true_as_sslmode_require() =>
        PostgresUri.Parse("postgresql://db?ssl=true")["sslmode"].ShouldBe("require");

    [Theory]
    [InlineData("postgresql://db?bogus=1", "query parameter 1 \"bogus\" is not a libpq connection keyword")]
    [InlineData("postgresql://db?sslmode", "query parameter 1 has no \"=\"")]
    [InlineData("postgresql://db?a=b=c", "query parameter 1 has more than one \"=\"")]
    [InlineData("postgresql://db:54x2/app", "invalid port \"54x2\"")]
    [InlineData("postgresql://[::1/app", "IPv6 address has no closing \"]\"")]
    [InlineData("postgresql://[]/app", "IPv6 address in brackets is empty")]
    [InlineData("postgresql://[::1]x/app", "unexpected character at position 19")]
    [InlineData("postgresql://db/a%zz", "invalid percent-encoding in the dbname")]
    [InlineData("postgresql://db/a%00", "forbidden %00 in the dbname")]
    [InlineData("postgresql://db/a%C3", "percent-encoding in the dbname is not UTF-8")]
    public void Parse_names_what_is_wrong(string uri, string problem) =>
        Should.Throw<ConnectionConfigurationException>(() => PostgresUri.Parse(uri))
            .Message.ShouldStartWith("connection URI: " + problem);

    [Fact]
    public void Parse_does_not_quote_a_piece_of_a_password_misread_as_port()
    {
        // The unencoded '/' ends the authority before the '@', so libpq reads host "ana" and port "S3ntinel".
        var error = Should.Throw<ConnectionConfigurationException>(
            () => PostgresUri.Parse("postgresql://ana:S3ntinel/Pa55@db/app"));

        error.Message.ShouldNotContain("S3ntinel");
    }
}
