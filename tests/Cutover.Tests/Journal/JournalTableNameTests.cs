using Cutover.Journal;
using FsCheck;
using FsCheck.Fluent;
using Shouldly;

namespace Cutover.Tests.Journal;

public sealed class JournalTableNameTests
{
    [Theory]
    [InlineData("ops.journal", "ops", "journal")]
    [InlineData("cutover_migrations", "public", "cutover_migrations")]
    [InlineData("_x.t$1", "_x", "t$1")]
    public void Parse_accepts_plain_names(string text, string schema, string table) =>
        JournalTableName.Parse(text).ShouldBe(new JournalTableName(schema, table));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\"ops\".journal")]
    [InlineData("ops journal")]
    [InlineData(" ops.journal")]
    [InlineData("a.b.c")]
    [InlineData("ops.")]
    [InlineData(".journal")]
    [InlineData("..")]
    [InlineData("journal;DROP TABLE x")]
    [InlineData("Ops.Journal")]
    [InlineData("1ops.journal")]
    [InlineData("$ops.journal")]
    [InlineData("ops.jour-nal")]
    [InlineData("ops.journal\n")]
    [InlineData("opé.journal")]
    public void TryParse_refuses_anything_else(string text) =>
        JournalTableName.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void Longest_identifier_PostgreSQL_keeps_is_accepted_and_one_more_is_not()
    {
        JournalTableName.TryParse("ops." + new string('j', 63), out _).ShouldBeTrue();
        JournalTableName.TryParse("ops." + new string('j', 64), out _).ShouldBeFalse();
    }

    [Fact]
    public void Parse_error_states_the_rule() =>
        Should.Throw<FormatException>(() => JournalTableName.Parse("a b")).Message.ShouldBe(
            "'a b' is not a journal table name: " + JournalTableName.PlainNameRule);

    [Fact]
    public void Plain_names_round_trip_through_text()
    {
        var identifier = Gen.Elements("a", "z", "_", "ops", "cutover_migrations")
            .SelectMany(start => Gen.Elements("", "1", "$", "_x", "journal").Select(rest => start + rest));
        Prop.ForAll(identifier.SelectMany(s => identifier.Select(t => new JournalTableName(s, t))).ToArbitrary(),
                name => JournalTableName.Parse(name.ToString()) == name)
            .QuickCheckThrowOnFailure();
    }
}
