namespace Cutover.Inspection;

/// <summary>A check constraint of a domain.</summary>
internal sealed record DomainConstraintModel
{
    /// <summary>The constraint's name.</summary>
    public required string Name { get; init; }

    /// <summary>The definition as <c>pg_get_constraintdef</c> gives it (<c>CHECK ((VALUE &gt; 0))</c>, with
    /// <c>NOT VALID</c> when not validated).</summary>
    public required string Definition { get; init; }
}
