namespace Cutover.Safety;

/// <summary>One lint rule: its id (what <c>-- cutover:allow ID reason</c> names), a short name, and its page in
/// <c>docs/lint/</c>.</summary>
/// <param name="Id">The stable id, such as <c>CUT109</c>.</param>
/// <param name="Name">A kebab-case name, such as <c>whole-table-dml</c>.</param>
/// <param name="Summary">One sentence saying what the rule catches.</param>
/// <param name="SafeAlternative">What to write instead.</param>
public sealed record LintRule(string Id, string Name, string Summary, string SafeAlternative)
{
    /// <summary>The rule's page, relative to the repository root: <c>docs/lint/CUT109-whole-table-dml.md</c>.</summary>
    public string DocumentationPath => "docs/lint/" + Id + "-" + Name + ".md";
}
