namespace Cutover.Inspection;

/// <summary>How two schemas differ on one object.</summary>
public enum DifferenceKind
{
    /// <summary>The object exists only on the left side.</summary>
    OnlyInLeft,

    /// <summary>The object exists only on the right side.</summary>
    OnlyInRight,

    /// <summary>The object exists on both sides and one of its properties differs.</summary>
    Differs,

    /// <summary>A difference reported for information that does not make the schemas unequal (column order unless
    /// <see cref="SchemaComparisonOptions.StrictColumnOrder"/> is set).</summary>
    Note,
}
