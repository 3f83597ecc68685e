using System.Collections.Immutable;
using Cutover.Scripts;
using FsCheck;
using FsCheck.Fluent;

namespace Cutover.Tests.Scripts;

public sealed class StatementSplitterPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(1000);

    [Fact]
    public void Statements_are_in_order_apart_and_trimmed() =>
        Prop.ForAll(ScriptGrammar.Scripts(withFunctionBodies: true, withCommentedContinuations: true), script =>
            AreInOrderApartAndTrimmed(script.Text, StatementSplitter.Split(script.Text))).Check(Runs);

    [Fact]
    public void Gaps_between_statements_hold_only_whitespace_comments_and_semicolons() =>
        Prop.ForAll(ScriptGrammar.Scripts(withFunctionBodies: true, withCommentedContinuations: true), script =>
            GapsAreTriviaAndSemicolons(script.Text, StatementSplitter.Split(script.Text))).Check(Runs);

    [Fact]
    public void Split_finds_exactly_the_statements_the_script_was_built_from() =>
        Prop.ForAll(ScriptGrammar.Scripts(withFunctionBodies: true, withCommentedContinuations: true), script =>
            StatementSplitter.Split(script.Text).SequenceEqual(script.Expected)).Check(Runs);

    [Fact]
    public void Generated_scripts_have_nothing_unterminated() =>
        Prop.ForAll(ScriptGrammar.Scripts(withFunctionBodies: true, withCommentedContinuations: true), script =>
            StatementSplitter.FindUnterminated(script.Text) is null).Check(Runs);

    [Fact]
    public void Split_of_any_text_keeps_its_invariants() =>
        Prop.ForAll(Junk(), text =>
        {
            var statements = StatementSplitter.Split(text);
            return AreInOrderApartAndTrimmed(text, statements) && GapsAreTriviaAndSemicolons(text, statements);
        }).Check(Runs);

    [Fact]
    public void Truncated_script_reports_what_is_left_open_at_its_last_token() =>
        Prop.ForAll(
            ScriptGrammar.Scripts(withFunctionBodies: true, withCommentedContinuations: true).Generator
                .SelectMany(script => Gen.Choose(0, script.Text.Length).Select(cut => script.Text[..cut]))
                .ToArbitrary(),
            text =>
            {
                var lexer = new SqlLexer(text);
                var last = default(SqlToken);
                while (lexer.TryRead(out var token))
                {
                    last = token;
                }

                var open = StatementSplitter.FindUnterminated(text);
                return open is { } found ? last.IsUnterminated && found.Offset == last.Offset : !last.IsUnterminated;
            }).Check(Runs);

    /// <summary>Text made of the characters and words that matter to the lexer, in any order, so mostly broken
    /// SQL.</summary>
    internal static Arbitrary<string> Junk() =>
        Gen.Choose(0, 40)
            .SelectMany(count => Gen.ArrayOf(
                Gen.Elements(
                    "'", "\"", "$", "$$", "$a$", ";", "-", "/", "*", "\\", "E", "U&", "B", "X", "(", ")", "\n", "\r", " ", "a",
                    "1", "begin", "case", "end", "create function", "create or replace procedure", "é", "😀"),
                count))
            .Select(string.Concat)
            .ToArbitrary();

    internal static bool AreInOrderApartAndTrimmed(string text, ImmutableArray<SqlStatement> statements)
    {
        var previousEnd = 0;
        foreach (var statement in statements)
        {
            if (statement.Offset < previousEnd || statement.Length <= 0 || statement.End > text.Length)
            {
                return false;
            }

            var statementText = statement.TextIn(text);
            // A quote left open runs to the end of the input, whitespace included.
            var endsOpen = statement.End == text.Length && StatementSplitter.FindUnterminated(text) is not null;
            if (statementText != text.Substring(statement.Offset, statement.Length)
                || SqlLexer.IsWhitespace(statementText[0])
                || (SqlLexer.IsWhitespace(statementText[^1]) && !endsOpen))
            {
                return false;
            }

            previousEnd = statement.End;
        }

        return true;
    }

    internal static bool GapsAreTriviaAndSemicolons(string text, ImmutableArray<SqlStatement> statements)
    {
        var gapStart = 0;
        foreach (var gapEnd in statements.Select(s => s.Offset).Append(text.Length))
        {
            var lexer = new SqlLexer(text.AsSpan(gapStart, gapEnd - gapStart));
            while (lexer.TryRead(out var token))
            {
                // An unterminated comment may trail the script; anything else left open belongs to a statement.
                if (!token.IsTrivia && token.Kind != SqlTokenKind.Semicolon)
                {
                    return false;
                }
            }

            var next = statements.FirstOrDefault(s => s.Offset == gapEnd);
            gapStart = gapEnd == text.Length ? gapEnd : next.End;
        }

        return true;
    }
}
