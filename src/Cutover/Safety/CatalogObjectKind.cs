namespace Cutover.Safety;

/// <summary>What a <see cref="CatalogEntry"/> describes.</summary>
internal enum CatalogObjectKind
{
    /// <summary>A table, partitioned table, view, materialized view or index.</summary>
    Relation,

    /// <summary>A column of a table.</summary>
    Column,

    /// <summary>A table constraint.</summary>
    Constraint,

    /// <summary>A function or procedure.</summary>
    Function,

    /// <summary>An enum, domain, composite or range type.</summary>
    Type,
}
