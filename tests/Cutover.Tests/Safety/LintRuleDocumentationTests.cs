using System.Text.RegularExpressions;
using Cutover.Safety;
using Shouldly;

namespace Cutover.Tests.Safety;

/// <summary>Every rule has a page in docs/lint/ with at least one failing and one passing example, and every example
/// does what its page says: a failing one fires the rule, a passing one fires neither the rule nor any error. The
/// examples are the rules' tests, so the pages cannot drift from the code.</summary>
public sealed partial class LintRuleDocumentationTests(ServerFixture fixture)
{
    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (var rule in LintRules.All)
        {
            for (var i = 0; i < ReadExamples(rule).Count; i++)
            {
                data.Add(rule.Id, i);
            }
        }

        return data;
    }

    /// <summary>The examples of the rules that hold in every phase (CUT1xx lock rules, CUT2xx and CUT9xx), each
    /// also run in the phase its page does not show.</summary>
    public static TheoryData<string, int> EveryPhaseExamples()
    {
        var data = new TheoryData<string, int>();
        foreach (var rule in LintRules.All.Where(r => !r.Id.StartsWith("CUT0", StringComparison.Ordinal)))
        {
            for (var i = 0; i < ReadExamples(rule).Count; i++)
            {
                data.Add(rule.Id, i);
            }
        }

        return data;
    }

    [Fact]
    public void Every_rule_has_a_page_with_a_failing_and_a_passing_example()
    {
        foreach (var rule in LintRules.All)
        {
            var examples = ReadExamples(rule);
            examples.ShouldContain(e => e.Kind == "failing" || e.Kind == "warning", rule.DocumentationPath);
            examples.ShouldContain(e => e.Kind == "passing", rule.DocumentationPath);
        }
    }

    [Fact]
    public void Lint_readme_lists_every_rule()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "lint", "README.md"));
        foreach (var rule in LintRules.All)
        {
            readme.ShouldContain($"[{rule.Id}]({rule.Id}-{rule.Name}.md)");
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_does_what_its_page_says(string ruleId, int index)
    {
        var rule = LintRules.Find(ruleId)!;
        var example = ReadExamples(rule)[index];

        var result = await LintCase.LintAsync(fixture, example.Setup, example.Phase, example.Sql);

        var described = string.Join("\n", result.Findings.Select(f => $"{f.RuleId} {f.Severity}: {f.Message}"));
        switch (example.Kind)
        {
            case "failing":
                result.Findings.ShouldContain(f => f.RuleId == rule.Id && f.Severity == LintSeverity.Error,
                    $"{rule.DocumentationPath} example {index}:\n{example.Sql}\nfound:\n{described}");
                break;
            case "warning":
                result.Findings.ShouldContain(f => f.RuleId == rule.Id,
                    $"{rule.DocumentationPath} example {index}:\n{example.Sql}\nfound:\n{described}");
                result.HasErrors.ShouldBeFalse(described);
                break;
            default:
                result.Findings.ShouldNotContain(f => f.RuleId == rule.Id || f.Severity == LintSeverity.Error,
                    $"{rule.DocumentationPath} example {index}:\n{example.Sql}\nfound:\n{described}");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(EveryPhaseExamples))]
    public async Task Example_of_a_rule_of_every_phase_holds_in_the_other_phase(string ruleId, int index)
    {
        var rule = LintRules.Find(ruleId)!;
        var example = ReadExamples(rule)[index];
        var otherPhase = example.Phase == "pre" ? "post" : "pre";

        var result = await LintCase.LintAsync(fixture, example.Setup, otherPhase, example.Sql);

        // In the pre phase the phase rules may fire as well; only this rule is looked at.
        var described = string.Join("\n", result.Findings.Select(f => $"{f.RuleId} {f.Severity}: {f.Message}"));
        var fired = result.Findings.Any(f => f.RuleId == rule.Id);
        fired.ShouldBe(example.Kind != "passing",
            $"{rule.DocumentationPath} example {index} in {otherPhase}:\n{example.Sql}\nfound:\n{described}");
    }

    public sealed record Example(string Kind, string Phase, string Setup, string Sql);

    /// <summary>Reads the <c>```sql setup</c>, <c>```sql failing PHASE</c>, <c>```sql warning PHASE</c> and
    /// <c>```sql passing PHASE</c> blocks of a rule's page; an example runs after the last setup block before it.</summary>
    public static List<Example> ReadExamples(LintRule rule)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), rule.DocumentationPath));
        var examples = new List<Example>();
        var setup = "";
        foreach (Match block in Block().Matches(text))
        {
            var words = block.Groups["info"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var sql = block.Groups["sql"].Value;
            if (words[0] == "setup")
            {
                setup = sql;
            }
            else
            {
                examples.Add(new Example(words[0], words[1], setup, sql));
            }
        }

        return examples;
    }

    [GeneratedRegex(@"^```sql (?<info>[a-z -]+)\n(?<sql>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Block();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cutover.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Cutover.slnx not found");
    }
}
