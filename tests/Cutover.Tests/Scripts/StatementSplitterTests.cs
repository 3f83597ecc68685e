using Cutover.Scripts;
using Shouldly;

namespace Cutover.Tests.Scripts;

public sealed class StatementSplitterTests
{
    private static string[] Texts(string sql) => [.. StatementSplitter.Split(sql).Select(s => s.TextIn(sql))];

    [Fact]
    public void Split_cuts_at_each_semicolon() =>
        Texts("select 1; select 2;").ShouldBe(["select 1", "select 2"]);

    [Fact]
    public void Split_keeps_a_last_statement_without_semicolon() =>
        Texts("select 1;\nselect 2\n").ShouldBe(["select 1", "select 2"]);

    [Fact]
    public void Split_of_empty_input_is_empty() =>
        StatementSplitter.Split("").ShouldBeEmpty();

    [Fact]
    public void Split_of_only_comments_whitespace_and_semicolons_is_empty() =>
        StatementSplitter.Split("  -- a;\n /* b; /* c */ */ \r\n ;; ;\t").ShouldBeEmpty();

    [Fact]
    public void Statement_excludes_leading_comments_and_trailing_whitespace()
    {
        const string Sql = "  -- note\n /* x */ select 1 \n ;";
        StatementSplitter.Split(Sql).ShouldBe([new SqlStatement(Sql.IndexOf("select", StringComparison.Ordinal), 8)]);
    }

    [Fact]
    public void Statement_excludes_trailing_comments() =>
        Texts("select 1 -- done\n; select /* a */ 2 /* b */").ShouldBe(["select 1", "select /* a */ 2"]);

    [Fact]
    public void Semicolon_in_line_comment_does_not_split() =>
        Texts("select 1 -- no; split\n, 2; select 3").ShouldBe(["select 1 -- no; split\n, 2", "select 3"]);

    [Fact]
    public void Block_comments_nest() =>
        Texts("select /* a /* b */ ; */ 1; select 2").ShouldBe(["select /* a /* b */ ; */ 1", "select 2"]);

    [Fact]
    public void Semicolon_and_doubled_quote_in_string_do_not_split() =>
        Texts("select 'a;''b'; select 2").ShouldBe(["select 'a;''b'", "select 2"]);

    [Fact]
    public void Backslash_in_plain_string_is_an_ordinary_character() =>
        Texts(@"select 'a\'; select 2").ShouldBe([@"select 'a\'", "select 2"]);

    [Fact]
    public void Backslash_escapes_a_quote_in_escape_string() =>
        Texts(@"select E'it\'s;'; select 2").ShouldBe([@"select E'it\'s;'", "select 2"]);

    [Fact]
    public void Lower_case_escape_string_takes_doubled_quotes_and_escaped_backslashes() =>
        Texts(@"select e'a''b;\\'; select 2").ShouldBe([@"select e'a''b;\\'", "select 2"]);

    [Fact]
    public void Escape_prefix_counts_only_at_the_start_of_a_word() =>
        Texts(@"select somee'a\'; select 2").ShouldBe([@"select somee'a\'", "select 2"]);

    [Fact]
    public void Unicode_escape_string_follows_plain_string_rules() =>
        Texts(@"select U&'d\0061t\'; select 2").ShouldBe([@"select U&'d\0061t\'", "select 2"]);

    [Fact]
    public void String_continued_on_the_next_line_keeps_escape_rules() =>
        Texts("select E'a'\n  -- note\n'b\\';'; select 2").ShouldBe(["select E'a'\n  -- note\n'b\\';'", "select 2"]);

    [Fact]
    public void Semicolon_in_quoted_identifier_does_not_split() =>
        Texts("select 1 as \"semi;colon\", 2 as \"a\"\"b;\"; select 3")
            .ShouldBe(["select 1 as \"semi;colon\", 2 as \"a\"\"b;\"", "select 3"]);

    [Fact]
    public void Semicolon_in_dollar_quote_does_not_split() =>
        Texts("create function f() returns int as $fn$ select 1; $fn$ language sql; select 2")
            .ShouldBe(["create function f() returns int as $fn$ select 1; $fn$ language sql", "select 2"]);

    [Fact]
    public void Other_dollar_delimiters_inside_a_dollar_quote_are_text() =>
        Texts("do $a$ begin perform $$;$$; perform $b$; end $a$; select 2")
            .ShouldBe(["do $a$ begin perform $$;$$; perform $b$; end $a$", "select 2"]);

    [Fact]
    public void Positional_parameters_are_not_dollar_quotes() =>
        Texts("select $1; select $2").ShouldBe(["select $1", "select $2"]);

    [Fact]
    public void Dollar_inside_an_identifier_does_not_open_a_quote() =>
        Texts("select a$$b; select 2 $$").ShouldBe(["select a$$b", "select 2 $$"]);

    [Fact]
    public void Semicolons_inside_parentheses_do_not_split() =>
        Texts("create rule r as on insert to t do also (insert into a values (1); insert into b values (2)); select 2")
            .ShouldBe(["create rule r as on insert to t do also (insert into a values (1); insert into b values (2))", "select 2"]);

    [Fact]
    public void Begin_atomic_body_with_case_end_is_one_statement()
    {
        const string Function = """
            CREATE FUNCTION grade(score int) RETURNS text LANGUAGE sql
            BEGIN ATOMIC
                SELECT CASE WHEN score > 50 THEN 'pass;' ELSE 'fail' END;
                SELECT 'x';
            END
            """;
        Texts(Function + ";\nselect 2;").ShouldBe([Function, "select 2"]);
    }

    [Fact]
    public void Create_or_replace_procedure_begin_atomic_body_is_one_statement()
    {
        const string Procedure = "create or replace procedure p() begin atomic insert into t values (1); insert into t values (2); end";
        Texts(Procedure + "; select 2").ShouldBe([Procedure, "select 2"]);
    }

    [Fact]
    public void Begin_outside_a_function_definition_does_not_hold_the_semicolon() =>
        Texts("begin; select 1; end;").ShouldBe(["begin", "select 1", "end"]);

    [Fact]
    public void Begin_inside_parentheses_of_a_function_definition_does_not_open_a_body() =>
        Texts("create function f(begin int) returns int as 'select 1' language sql; select 2")
            .ShouldBe(["create function f(begin int) returns int as 'select 1' language sql", "select 2"]);

    [Fact]
    public void Plpgsql_body_in_dollar_quotes_is_one_statement() =>
        Texts("create function f() returns trigger as $$\nbegin\n  new.a := 1;\n  return new;\nend;\n$$ language plpgsql;\nselect 2")
            .Length.ShouldBe(2);

    [Fact]
    public void Split_keeps_an_unterminated_string_in_the_last_statement() =>
        Texts("select 1; select 'abc; def\n").ShouldBe(["select 1", "select 'abc; def\n"]);

    [Fact]
    public void Split_drops_an_unterminated_trailing_comment() =>
        Texts("select 1; /* open ; comment").ShouldBe(["select 1"]);

    [Theory]
    [InlineData("select 'abc", 7, "quoted string")]
    [InlineData(@"select E'abc\'", 7, "quoted string")]
    [InlineData("select 1;\nselect $fn$ body; $$", 17, "dollar-quoted string")]
    [InlineData("select \"abc", 7, "quoted identifier")]
    [InlineData("select 1; /* a /* b */", 10, "/* comment")]
    [InlineData("select B'01", 7, "bit string literal")]
    [InlineData("select x'1f", 7, "hexadecimal string literal")]
    [InlineData("select B'01''", 12, "quoted string")]
    public void FindUnterminated_reports_where_the_open_construct_starts(string sql, int offset, string what) =>
        StatementSplitter.FindUnterminated(sql).ShouldBe(new UnterminatedConstruct(offset, what));

    [Fact]
    public void FindUnterminated_finds_nothing_in_well_formed_script() =>
        StatementSplitter.FindUnterminated("select 'a', E'\\'', $$ $$, \"b\" /* c */ -- d").ShouldBeNull();
}
