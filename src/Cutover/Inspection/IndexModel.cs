namespace Cutover.Inspection;

/// <summary>An index; those backing a primary key, unique or exclusion constraint are described by the constraint
/// and left out.</summary>
internal sealed record IndexModel
{
    /// <summary>The index's schema (that of its table).</summary>
    public required string Schema { get; init; }

    /// <summary>The index's name.</summary>
    public required string Name { get; init; }

    /// <summary>The indexed table or materialized view, unqualified (it is in <see cref="Schema"/>).</summary>
    public required string Table { get; init; }

    /// <summary>Whether the index is unique.</summary>
    public bool Unique { get; init; }

    /// <summary>The access method (<c>btree</c>, <c>gin</c>, ...).</summary>
    public required string Method { get; init; }

    /// <summary>What follows <c>USING method</c> in <c>pg_get_indexdef</c>, without the <c>WHERE</c> clause:
    /// <c>(priority DESC, id) INCLUDE (lock)</c>.</summary>
    public required string Definition { get; init; }

    /// <summary>The predicate of a partial index, or null.</summary>
    public string? Predicate { get; init; }

    /// <summary>Whether the index is valid (false after a failed <c>CREATE INDEX CONCURRENTLY</c>).</summary>
    public bool Valid { get; init; }

    /// <summary>The comment on the index, or null.</summary>
    public string? Comment { get; init; }
}
