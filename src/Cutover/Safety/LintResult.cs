using System.Collections.Immutable;

namespace Cutover.Safety;

/// <summary>What <see cref="Linter.LintAsync"/> found.</summary>
/// <param name="Scripts">The file names of the scripts linted, in order.</param>
/// <param name="Findings">Every finding, in script and statement order.</param>
/// <param name="Elapsed">Wall time, scratch databases included.</param>
public sealed record LintResult(ImmutableArray<string> Scripts, ImmutableArray<LintFinding> Findings, TimeSpan Elapsed)
{
    /// <summary>How many findings are errors.</summary>
    public int ErrorCount => Findings.Count(f => f.Severity == LintSeverity.Error);

    /// <summary>How many findings are warnings.</summary>
    public int WarningCount => Findings.Count(f => f.Severity == LintSeverity.Warning);

    /// <summary>True when any finding is an error: <c>cutover lint</c> exits 1.</summary>
    public bool HasErrors => ErrorCount > 0;
}
