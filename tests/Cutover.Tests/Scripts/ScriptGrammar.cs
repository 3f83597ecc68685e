using System.Collections.Immutable;
using System.Text;
using Cutover.Scripts;
using FsCheck;
using FsCheck.Fluent;

namespace Cutover.Tests.Scripts;

/// <summary>Generates scripts from a grammar of tokens that hide <c>;</c>, quotes and comment markers inside them, and
/// knows where each statement lies because it wrote it.</summary>
internal static class ScriptGrammar
{
    private static readonly Gen<string> Words = Gen.Elements(
        "select", "foo", "bar_1", "x", "e", "u", "n", "b", "or", "replace", "café", "日本", "t$1", "a$$b", "_tmp");

    private static readonly Gen<string> Keywords = Gen.Elements("select", "insert", "update", "values", "with", "SELECT");

    private static readonly Gen<string> Numbers = Gen.Elements("1", "42", "3.14", "1e5", "2E-3", ".5");

    // No "-" or "/": next to a comment they would merge with it, as in PostgreSQL ("x---c" is x and a comment).
    private static readonly Gen<string> Operators = Gen.Elements("+", "=", "<>", ",", ".", "::", "*", "<", "||");

    private static readonly Gen<string> Parameters = Gen.Elements("$1", "$23");

    private static readonly Gen<string> PlainStrings = Body(";", "''", "\\", "a", "\"", "--", "/*", "*/", "$$", " ", "é", "\n")
        .SelectMany(body => Gen.Elements("", "N", "U&").Select(prefix => $"{prefix}'{body}'"));

    private static readonly Gen<string> EscapeStrings = Body(";", "''", "\\'", "\\\\", "a", "\"", "--", "/*", "$$", "\\n", " ")
        .SelectMany(body => Gen.Elements("E", "e").Select(prefix => $"{prefix}'{body}'"));

    private static readonly Gen<string> BitStrings = Gen.Elements("B'01'", "X'1F'", "b''", "x'ab'", "B'0''1;'");

    private static readonly Gen<string> DollarStrings =
        from tag in Gen.Elements("", "fn", "a", "body_1", "é")
        from body in Body(";", "'", "\"", "$$", "$a", "$b$", "$fn", "--", "/*", "*/", "$1", "x", "\n", "$")
        let delimiter = $"${tag}$"
        // The body must not close the quote early, counting an overlap with the closing delimiter ("$a" + "$a$").
        where (body + delimiter).IndexOf(delimiter, StringComparison.Ordinal) == body.Length
        select delimiter + body + delimiter;

    private static readonly Gen<string> QuotedIdentifiers =
        Gen.Elements("\"semi;colon\"", "\"a\"\"b;\"", "\"--x\"", "\"/*\"", "U&\"d;\"", "\"'\"", "\"$$\"");

    // Literals continued over a line break are one token, read by the rules of their first part.
    private static readonly Gen<string> ContinuedStrings =
        Gen.Elements("'a;'\n'b;'", "'x' \t\r\n\n 'y\\'", "e'\\\\'\n'\\';'", "E'a\\''\r'\\''';'");

    // PostgreSQL (checked on 15.18) also continues a literal across "--" comments in the gap; libpg_query 15-4.0
    // does not, so the oracle tests leave these out.
    private static readonly Gen<string> ContinuedStringsWithComments =
        Gen.Elements("E'a\\''\n  -- c;\n'b\\';'", "'a' -- x'\n'b'", "e''--\n--\n'\\';'");

    private static readonly Gen<string> Parenthesized =
        Gen.Elements("(a; b)", "(select 1; (x; 'y;'))", "()", "(1)", "(/* ; */)");

    private static readonly Gen<string> Trivia =
        Gen.Elements(" ", "\n", "\t", "\r\n", "/* c; */", "/* a /* b; */ ; */", "/**/", "-- c; 'x\n", "--\n", "/* ' \" $$ */");

    private static readonly Gen<string> Separators =
        Gen.Choose(1, 2).SelectMany(count => Gen.ArrayOf(Trivia, count)).Select(string.Concat);

    // What lies between statements: whitespace, comments and empty statements.
    private static readonly Gen<string> Gaps =
        Gen.Choose(0, 3).SelectMany(count => Gen.ArrayOf(Gen.Frequency((4, Trivia), (1, Gen.Constant(";"))), count))
            .Select(string.Concat);

    /// <summary>Scripts whose statements start with a key word, so libpg_query's scanner split keeps them all.</summary>
    /// <param name="withFunctionBodies">Whether to write BEGIN ATOMIC function bodies.</param>
    /// <param name="withCommentedContinuations">Whether to write string literals continued across comments.</param>
    internal static Arbitrary<GeneratedScript> Scripts(bool withFunctionBodies, bool withCommentedContinuations) =>
        Arb.From(ScriptGen(withFunctionBodies, withCommentedContinuations));

    private static Gen<string> Body(params string[] fragments) =>
        Gen.Choose(0, 5).SelectMany(count => Gen.ArrayOf(Gen.Elements(fragments), count)).Select(string.Concat);

    private static Gen<string[]> TokenSequence(int minimum, int maximum, bool withCommentedContinuations) =>
        Gen.Choose(minimum, maximum).SelectMany(count => Gen.ArrayOf(
            Gen.Frequency(
                (4, Words), (2, Numbers), (2, Operators), (1, Parameters), (3, PlainStrings), (3, EscapeStrings),
                (1, BitStrings), (3, DollarStrings), (2, QuotedIdentifiers), (1, ContinuedStrings),
                (withCommentedContinuations ? 1 : 0, ContinuedStringsWithComments), (2, Parenthesized)),
            count));

    /// <summary>A SQL-standard function body, whose inner <c>;</c> do not end the statement.</summary>
    private static Gen<string[]> FunctionStatement(bool withCommentedContinuations) =>
        from head in Gen.Elements(
            "create function f(a int) returns int language sql begin atomic",
            "CREATE OR REPLACE FUNCTION f() RETURNS int BEGIN ATOMIC",
            "create procedure p() Begin Atomic",
            "create or replace procedure p(x text) language sql begin atomic")
        from first in TokenSequence(0, 3, withCommentedContinuations)
        from second in TokenSequence(0, 3, withCommentedContinuations)
        from tail in Gen.Elements("end", "END")
        select new[] { head, "select" }
            .Concat(first)
            .Append(";")
            .Append("select case when a > 0 then 1 else 2 end")
            .Concat(second)
            .Append(";")
            .Append(tail)
            .ToArray();

    private static Gen<string[]> PlainStatement(bool withCommentedContinuations) =>
        from keyword in Keywords
        from rest in TokenSequence(0, 6, withCommentedContinuations)
        select rest.Prepend(keyword).ToArray();

    private static Gen<GeneratedScript> ScriptGen(bool withFunctionBodies, bool withCommentedContinuations)
    {
        var plain = PlainStatement(withCommentedContinuations);
        var statement = withFunctionBodies
            ? Gen.Frequency((5, plain), (1, FunctionStatement(withCommentedContinuations)))
            : plain;
        // An empty token list stands for a chunk of only comments and whitespace.
        var chunk = Gen.Frequency((6, statement), (1, Gen.Constant(Array.Empty<string>())));
        var chunkWithSpacing =
            from tokens in chunk
            from separators in Gen.ArrayOf(Separators, tokens.Length)
            from leading in Gaps
            from trailing in Gaps
            select (tokens, separators, leading, trailing);
        return
            from count in Gen.Choose(0, 5)
            from chunks in Gen.ArrayOf(chunkWithSpacing, count)
            from finalSemicolon in Gen.Elements(true, false)
            select Build(chunks, finalSemicolon);
    }

    private static GeneratedScript Build(
        (string[] Tokens, string[] Separators, string Leading, string Trailing)[] chunks, bool finalSemicolon)
    {
        var text = new StringBuilder();
        var expected = ImmutableArray.CreateBuilder<SqlStatement>();
        for (var i = 0; i < chunks.Length; i++)
        {
            var (tokens, separators, leading, trailing) = chunks[i];
            if (i > 0)
            {
                text.Append(';');
            }

            text.Append(leading);
            if (tokens.Length > 0)
            {
                var start = text.Length;
                for (var t = 0; t < tokens.Length; t++)
                {
                    if (t > 0)
                    {
                        // A line break between two string literals would join them into one literal, so a literal
                        // only ever follows a plain space; the joined forms are tokens of their own.
                        text.Append(tokens[t].StartsWith('\'') ? " " : separators[t]);
                    }

                    text.Append(tokens[t]);
                }

                expected.Add(new SqlStatement(start, text.Length - start));
            }

            text.Append(trailing);
        }

        if (finalSemicolon && chunks.Length > 0)
        {
            text.Append(';');
        }

        return new GeneratedScript(text.ToString(), expected.DrainToImmutable());
    }
}
