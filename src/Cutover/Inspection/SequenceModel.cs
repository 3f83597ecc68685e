namespace Cutover.Inspection;

/// <summary>A sequence; identity columns' sequences are described by their column instead.</summary>
internal sealed record SequenceModel
{
    /// <summary>The sequence's schema.</summary>
    public required string Schema { get; init; }

    /// <summary>The sequence's name.</summary>
    public required string Name { get; init; }

    /// <summary>The data type (<c>bigint</c>).</summary>
    public required string Type { get; init; }

    /// <summary>The start value.</summary>
    public long Start { get; init; }

    /// <summary>The increment.</summary>
    public long Increment { get; init; }

    /// <summary>The minimum value.</summary>
    public long Minimum { get; init; }

    /// <summary>The maximum value.</summary>
    public long Maximum { get; init; }

    /// <summary>How many values are cached.</summary>
    public long Cache { get; init; }

    /// <summary>Whether the sequence wraps around.</summary>
    public bool Cycle { get; init; }

    /// <summary>The column the sequence is <c>OWNED BY</c> (<c>public.jobs.id</c>), or null.</summary>
    public string? OwnedBy { get; init; }

    /// <summary>The comment on the sequence, or null.</summary>
    public string? Comment { get; init; }

    /// <summary>The privileges granted on the sequence (<see cref="InspectionOptions.IncludePrivileges"/>), or
    /// null.</summary>
    public string? Privileges { get; init; }
}
