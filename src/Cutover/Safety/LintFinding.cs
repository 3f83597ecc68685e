using Cutover.Scripts;

namespace Cutover.Safety;

/// <summary>One problem the lint found in one statement of a migration script.</summary>
/// <param name="RuleId">The rule, such as <c>CUT109</c> (<see cref="LintRules"/>).</param>
/// <param name="Severity">Error or warning; depends on the rule and on the script's phase.</param>
/// <param name="Script">The script's file name.</param>
/// <param name="Phase">The script's phase.</param>
/// <param name="FilePath">Where the script lives, as its source describes it.</param>
/// <param name="Line">The 1-based line of the statement's first character.</param>
/// <param name="Column">The 1-based column of the statement's first character.</param>
/// <param name="SourceLine">The text of that line, for printing it with a caret.</param>
/// <param name="Statement">The statement (its text, without the terminating <c>;</c>).</param>
/// <param name="Message">What happens and why it is dangerous, naming the objects concerned.</param>
/// <param name="SafeAlternative">What to write instead.</param>
public sealed record LintFinding(
    string RuleId,
    LintSeverity Severity,
    string Script,
    Phase Phase,
    string FilePath,
    int Line,
    int Column,
    string SourceLine,
    string Statement,
    string Message,
    string SafeAlternative);
