namespace Cutover.Safety;

/// <summary>A rule that fired on a statement, before allow directives and locations turn it into a
/// <see cref="LintFinding"/>.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Severity">Its severity here (phase rules depend on the phase).</param>
/// <param name="Statement">The statement it fired on.</param>
/// <param name="Message">What happens, naming the objects.</param>
internal sealed record RuleHit(LintRule Rule, LintSeverity Severity, LintStatement Statement, string Message);
