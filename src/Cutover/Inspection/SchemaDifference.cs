namespace Cutover.Inspection;

/// <summary>One way two schemas differ: an object present on one side only, or one property of an object that
/// differs (<c>column procrastinate_jobs.priority default: 0 vs 1</c>).</summary>
public sealed record SchemaDifference
{
    /// <summary>Whether the object is missing on a side, differs, or is only noted.</summary>
    public DifferenceKind Kind { get; init; }

    /// <summary>The kind of object.</summary>
    public ObjectKind ObjectKind { get; init; }

    /// <summary>The object's name as users write it: schema-qualified unless in <c>public</c>, a table's columns,
    /// constraints, triggers, rules and policies after the table's name (<c>jobs.priority</c>), a routine with its
    /// argument types (<c>fetch_job(text[])</c>).</summary>
    public required string ObjectName { get; init; }

    /// <summary>The property that differs (<c>default</c>, <c>body</c>, <c>column order</c>), or null when the
    /// object is on one side only.</summary>
    public string? Property { get; init; }

    /// <summary>The property's value on the left side, or null when unset or not applicable.</summary>
    public string? LeftValue { get; init; }

    /// <summary>The property's value on the right side, or null when unset or not applicable.</summary>
    public string? RightValue { get; init; }
}
