namespace Cutover.Inspection;

/// <summary>What defines an aggregate beyond its signature; functions are schema-qualified.</summary>
internal sealed record AggregateModel
{
    /// <summary>The aggregate kind: <c>normal</c>, <c>ordered-set</c> or <c>hypothetical-set</c>.</summary>
    public required string AggregateKind { get; init; }

    /// <summary>The state transition function.</summary>
    public required string TransitionFunction { get; init; }

    /// <summary>The state's data type.</summary>
    public required string StateType { get; init; }

    /// <summary>The final function, or null.</summary>
    public string? FinalFunction { get; init; }

    /// <summary>The combine function (for parallel aggregation), or null.</summary>
    public string? CombineFunction { get; init; }

    /// <summary>The initial state value, or null.</summary>
    public string? InitialValue { get; init; }

    /// <summary>The sort operator of a <c>MIN</c>/<c>MAX</c>-like aggregate, or null.</summary>
    public string? SortOperator { get; init; }
}
