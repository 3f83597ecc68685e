namespace Cutover.Inspection;

/// <summary>A rewrite rule on a table or view (views' own <c>_RETURN</c> rules are part of their definition).</summary>
internal sealed record RuleModel
{
    /// <summary>The table's schema.</summary>
    public required string Schema { get; init; }

    /// <summary>The table's name.</summary>
    public required string Table { get; init; }

    /// <summary>The rule's name.</summary>
    public required string Name { get; init; }

    /// <summary>The rule as <c>pg_get_ruledef</c> gives it.</summary>
    public required string Definition { get; init; }

    /// <summary>The comment on the rule, or null.</summary>
    public string? Comment { get; init; }
}
