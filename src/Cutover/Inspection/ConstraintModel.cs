namespace Cutover.Inspection;

/// <summary>A table constraint: primary key, unique, foreign key, check or exclusion.</summary>
internal sealed record ConstraintModel
{
    /// <summary>The table's schema.</summary>
    public required string Schema { get; init; }

    /// <summary>The table's name.</summary>
    public required string Table { get; init; }

    /// <summary>The constraint's name.</summary>
    public required string Name { get; init; }

    /// <summary>The kind of constraint.</summary>
    public ConstraintType Type { get; init; }

    /// <summary>The definition as <c>pg_get_constraintdef</c> gives it, without the parts that have properties of
    /// their own (deferrability, <c>NOT VALID</c>, and for a foreign key its match type and actions):
    /// <c>CHECK ((price &gt; 0))</c>, <c>FOREIGN KEY (user_id) REFERENCES public.users (id)</c>.</summary>
    public required string Definition { get; init; }

    /// <summary>A foreign key's match type (<c>SIMPLE</c>, <c>FULL</c>, <c>PARTIAL</c>), or null.</summary>
    public string? Match { get; init; }

    /// <summary>A foreign key's <c>ON UPDATE</c> action (<c>NO ACTION</c>, <c>CASCADE</c>, ...), or null.</summary>
    public string? OnUpdate { get; init; }

    /// <summary>A foreign key's <c>ON DELETE</c> action (<c>SET NULL (a)</c>, ...), or null.</summary>
    public string? OnDelete { get; init; }

    /// <summary>Whether the constraint is <c>DEFERRABLE</c>.</summary>
    public bool Deferrable { get; init; }

    /// <summary>Whether the constraint is <c>INITIALLY DEFERRED</c>.</summary>
    public bool InitiallyDeferred { get; init; }

    /// <summary>Whether the constraint has been validated (false when added <c>NOT VALID</c> and not validated
    /// since).</summary>
    public bool Validated { get; init; }

    /// <summary>The comment on the constraint, or null.</summary>
    public string? Comment { get; init; }
}
