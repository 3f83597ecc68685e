using System.Collections.Immutable;
using System.Globalization;
using Cutover.Safety;

namespace Cutover.Cli.Output;

/// <summary>What <c>cutover lint --json</c> prints, and what the text and GitHub renderers read.</summary>
internal sealed record LintReport(
    ImmutableArray<string> Scripts, int ErrorCount, int WarningCount, long ElapsedMs, ImmutableArray<LintFinding> Findings)
{
    public static LintReport From(LintResult result) =>
        new(result.Scripts, result.ErrorCount, result.WarningCount, (long)result.Elapsed.TotalMilliseconds, result.Findings);

    /// <summary>As a compiler prints: location, severity, rule; the line with a caret; why; what instead.</summary>
    public void WriteText(TextWriter output)
    {
        foreach (var finding in Findings)
        {
            var rule = LintRules.Find(finding.RuleId);
            var severity = finding.Severity == LintSeverity.Error ? "error" : "warning";
            var number = finding.Line.ToString(CultureInfo.InvariantCulture);
            var gutter = new string(' ', number.Length);
            output.WriteLine($"{finding.FilePath}:{finding.Line}:{finding.Column}: {severity} {finding.RuleId} {rule?.Name}: {finding.Message}");
            output.WriteLine($" {number} | {finding.SourceLine}");
            output.WriteLine($" {gutter} | {Caret(finding)}");
            if (rule is not null)
            {
                output.WriteLine($" {gutter} = why: {rule.Summary}");
            }

            output.WriteLine($" {gutter} = instead: {finding.SafeAlternative}");
            output.WriteLine();
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ErrorCount} error(s), {WarningCount} warning(s) in {Scripts.Length} script(s) ({ElapsedMs} ms)"));
    }

    /// <summary>GitHub Actions workflow commands: one <c>::error</c> or <c>::warning</c> line per finding, which
    /// GitHub shows on the pull request's diff.</summary>
    public void WriteGitHub(TextWriter output)
    {
        foreach (var finding in Findings)
        {
            var rule = LintRules.Find(finding.RuleId);
            var level = finding.Severity == LintSeverity.Error ? "error" : "warning";
            var title = Property(finding.RuleId + " " + rule?.Name);
            output.WriteLine($"::{level} file={Property(finding.FilePath)},line={finding.Line},col={finding.Column}," +
                $"title={title}::{Data(finding.Message + ". Instead: " + finding.SafeAlternative)}");
        }
    }

    // Tabs keep the caret under the character it points at.
    private static string Caret(LintFinding finding)
    {
        var prefix = finding.SourceLine.AsSpan(0, Math.Min(finding.Column - 1, finding.SourceLine.Length));
        var padding = new char[prefix.Length];
        for (var i = 0; i < prefix.Length; i++)
        {
            padding[i] = prefix[i] == '\t' ? '\t' : ' ';
        }

        return new string(padding) + "^";
    }

    private static string Data(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string text) =>
        Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
