namespace Cutover.Inspection;

/// <summary>A column of a table.</summary>
internal sealed record ColumnModel
{
    /// <summary>The table's schema.</summary>
    public required string Schema { get; init; }

    /// <summary>The table's name.</summary>
    public required string Table { get; init; }

    /// <summary>The column's name.</summary>
    public required string Name { get; init; }

    /// <summary>The column's 1-based place among the table's live columns (dropped columns leave no gap).</summary>
    public int Position { get; init; }

    /// <summary>The type with its modifiers, as <c>format_type</c> spells it (<c>character varying(128)</c>).</summary>
    public required string Type { get; init; }

    /// <summary>Whether the column is <c>NOT NULL</c>.</summary>
    public bool NotNull { get; init; }

    /// <summary>The default expression, or null (generated columns show theirs in <see cref="Generated"/>).</summary>
    public string? Default { get; init; }

    /// <summary>How an identity column is generated, or null for other columns.</summary>
    public ColumnIdentity? Identity { get; init; }

    /// <summary>The options of an identity column's sequence (<c>START 1 INCREMENT 1 ...</c>), or null.</summary>
    public string? IdentitySequence { get; init; }

    /// <summary>The expression of a stored generated column, or null.</summary>
    public string? Generated { get; init; }

    /// <summary>The collation, schema-qualified, when it is not the type's default; otherwise null.</summary>
    public string? Collation { get; init; }

    /// <summary>The comment on the column, or null.</summary>
    public string? Comment { get; init; }

    /// <summary>Column-level privileges (<see cref="InspectionOptions.IncludePrivileges"/>), or null when none were
    /// granted.</summary>
    public string? Privileges { get; init; }
}
