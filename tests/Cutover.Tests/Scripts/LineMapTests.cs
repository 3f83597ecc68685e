using Cutover.Scripts;
using FsCheck;
using FsCheck.Fluent;
using Shouldly;

namespace Cutover.Tests.Scripts;

public sealed class LineMapTests
{
    [Fact]
    public void First_character_is_line_1_column_1() =>
        new LineMap("select 1").Locate(0).ShouldBe(new ScriptLocation(1, 1));

    [Fact]
    public void Offset_after_a_line_feed_starts_the_next_line() =>
        new LineMap("a\nbc\nd").Locate(3).ShouldBe(new ScriptLocation(2, 2));

    [Fact]
    public void Carriage_return_line_feed_counts_as_one_line_break()
    {
        var map = new LineMap("a\r\nbc\r\nd");
        (map.Locate(1), map.Locate(2), map.Locate(3), map.Locate(7))
            .ShouldBe((new ScriptLocation(1, 2), new ScriptLocation(1, 3), new ScriptLocation(2, 1), new ScriptLocation(3, 1)));
    }

    [Fact]
    public void End_of_text_is_a_valid_offset() =>
        new LineMap("ab\n").Locate(3).ShouldBe(new ScriptLocation(2, 1));

    [Fact]
    public void Offset_past_the_end_is_rejected() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new LineMap("ab").Locate(3));

    [Fact]
    public void Location_formats_as_line_colon_column() =>
        new ScriptLocation(14, 5).ToString().ShouldBe("14:5");

    [Fact]
    public void Locate_agrees_with_counting_line_breaks() =>
        Prop.ForAll(
            Gen.ArrayOf(Gen.Elements("a", "\n", "\r\n", "\r", " "))
                .Select(string.Concat)
                .SelectMany(text => Gen.Choose(0, text.Length).Select(offset => (text, offset)))
                .ToArbitrary(),
            input =>
            {
                var (text, offset) = input;
                var before = text[..offset];
                var line = before.Count(c => c == '\n') + 1;
                var column = offset - (before.LastIndexOf('\n') + 1) + 1;
                return new LineMap(text).Locate(offset) == new ScriptLocation(line, column);
            }).QuickCheckThrowOnFailure();
}
