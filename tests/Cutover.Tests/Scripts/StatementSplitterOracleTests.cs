using System.Collections.Immutable;
using Cutover.Scripts;
using FsCheck;
using FsCheck.Fluent;
using Shouldly;

namespace Cutover.Tests.Scripts;

/// <summary>Checks the splitter against PostgreSQL's own scanner and parser (libpg_query), where installed.</summary>
public sealed class StatementSplitterOracleTests
{
    public static TheoryData<string> ProcrastinateScripts() => StatementSplitterCorpusTests.ProcrastinateScripts();

    [Theory]
    [MemberData(nameof(ProcrastinateScripts))]
    public void Procrastinate_script_splits_as_the_PostgreSQL_parser_does(string path)
    {
        Assert.SkipUnless(PgQueryOracle.IsAvailable, PgQueryOracle.SkipReason);
        var script = StatementSplitterCorpusTests.Read(path);
        var oracle = PgQueryOracle.SplitWithParser(script);
        oracle.Error.ShouldBeNull();
        AgreesWith(StatementSplitter.Split(script), oracle).ShouldBeTrue();
    }

    [Theory]
    [InlineData("create function f(a int) returns text language sql begin atomic select case when a > 0 then 'x;' else 'y' end; select 'z'; end; select 2")]
    [InlineData("create or replace procedure p() language sql begin atomic insert into t values (1); end;\nselect 1")]
    [InlineData("create rule r as on insert to t do also (insert into a values (1); insert into b values (2)); select 2")]
    [InlineData("select E'a'\n'b\\';'; select $x$ $$ ; $x$; select \"a;\"\"b\"")]
    [InlineData("do $$ begin commit; end $$; /* a /* b ; */ */ select 1 -- c;\n;;")]
    public void Tricky_script_splits_as_the_PostgreSQL_parser_does(string script)
    {
        Assert.SkipUnless(PgQueryOracle.IsAvailable, PgQueryOracle.SkipReason);
        var oracle = PgQueryOracle.SplitWithParser(script);
        oracle.Error.ShouldBeNull();
        AgreesWith(StatementSplitter.Split(script), oracle).ShouldBeTrue();
    }

    [Fact]
    public void Generated_script_splits_as_the_PostgreSQL_scanner_does()
    {
        Assert.SkipUnless(PgQueryOracle.IsAvailable, PgQueryOracle.SkipReason);
        // libpg_query's scanner split knows nothing of BEGIN ATOMIC, and its scanner ends a literal at a comment where
        // PostgreSQL continues it, so neither is generated here.
        Prop.ForAll(ScriptGrammar.Scripts(withFunctionBodies: false, withCommentedContinuations: false), script =>
        {
            var oracle = PgQueryOracle.SplitWithScanner(script.Text);
            return oracle.Error is null && AgreesWith(StatementSplitter.Split(script.Text), oracle);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Fact]
    public void Unterminated_constructs_are_those_the_PostgreSQL_scanner_rejects()
    {
        Assert.SkipUnless(PgQueryOracle.IsAvailable, PgQueryOracle.SkipReason);
        Prop.ForAll(StatementSplitterPropertyTests.Junk(), text =>
        {
            var oracle = PgQueryOracle.SplitWithScanner(text);
            var open = StatementSplitter.FindUnterminated(text);
            if (oracle.Error is not null && !oracle.Error.StartsWith("unterminated", StringComparison.Ordinal))
            {
                // Some other scanner error ("zero-length delimited identifier"): nothing to compare.
                return true;
            }

            // PostgreSQL points at the construct's first character, counting code points from 1.
            return oracle.Error is null
                ? open is null
                : open is { } found
                    && oracle.Error.StartsWith($"unterminated {found.What} at or near", StringComparison.Ordinal)
                    && oracle.ErrorPosition == CodePoints(text[..found.Offset]) + 1;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    private static int CodePoints(string text) => text.EnumerateRunes().Count();

    /// <summary>One statement per oracle statement, each inside its oracle span, which adds only the whitespace and
    /// comments around it.</summary>
    private static bool AgreesWith(ImmutableArray<SqlStatement> statements, OracleSplit oracle) =>
        statements.Length == oracle.Statements.Length
        && statements.Zip(oracle.Statements).All(pair =>
            pair.First.Offset >= pair.Second.Offset
            && pair.First.End <= pair.Second.Offset + pair.Second.Length);
}
