using Shouldly;

namespace Cutover.Tests.Safety;

/// <summary>What the text looks like does not decide: what the server does does. Two statements that read alike, one
/// rewriting the table and one not, are told apart, in both phases.</summary>
public sealed class ObservationBeatsGuessingTests(ServerFixture fixture)
{
    private const string Setup = "CREATE TABLE t (id bigint PRIMARY KEY, code varchar(20), n int);";

    [Theory]
    [InlineData("pre")]
    [InlineData("post")]
    public async Task Varchar_to_text_is_binary_coercible_and_not_reported(string phase)
    {
        var result = await LintCase.LintAsync(fixture, Setup, phase, "ALTER TABLE t ALTER COLUMN code TYPE text;");

        result.Findings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("pre")]
    [InlineData("post")]
    public async Task Constant_default_rewrites_nothing_and_is_not_reported(string phase)
    {
        var result = await LintCase.LintAsync(fixture, Setup, phase, "ALTER TABLE t ADD COLUMN score int DEFAULT 0;");

        result.Findings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("pre")]
    [InlineData("post")]
    public async Task Int_to_bigint_rewrites_the_table(string phase)
    {
        var result = await LintCase.LintAsync(fixture, Setup, phase, "ALTER TABLE t ALTER COLUMN n TYPE bigint;");

        result.Findings.Select(f => f.RuleId).ShouldContain("CUT101");
    }

    [Theory]
    [InlineData("pre")]
    [InlineData("post")]
    public async Task Volatile_default_rewrites_the_table(string phase)
    {
        var result = await LintCase.LintAsync(fixture, Setup, phase, "ALTER TABLE t ADD COLUMN weight float8 DEFAULT random();");

        result.Findings.Select(f => f.RuleId).ShouldContain("CUT108");
    }
}
