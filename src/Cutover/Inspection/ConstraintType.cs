namespace Cutover.Inspection;

/// <summary>The kind of a table constraint.</summary>
internal enum ConstraintType
{
    /// <summary><c>PRIMARY KEY</c>.</summary>
    PrimaryKey,

    /// <summary><c>UNIQUE</c>.</summary>
    Unique,

    /// <summary><c>FOREIGN KEY</c>.</summary>
    ForeignKey,

    /// <summary><c>CHECK</c>.</summary>
    Check,

    /// <summary><c>EXCLUDE</c>.</summary>
    Exclusion,

    /// <summary>The constraint of a <c>CREATE CONSTRAINT TRIGGER</c>.</summary>
    Trigger,
}
