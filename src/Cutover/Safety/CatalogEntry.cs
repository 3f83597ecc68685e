namespace Cutover.Safety;

/// <summary>One catalog object as the lint compares it between two statements: just what the rules need.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Key">What stays the same when it is renamed: the oid, or table oid and column number.</param>
/// <param name="Name">Its qualified name (with arguments for a function).</param>
/// <param name="Owner">The table of a column, constraint or index; 0 otherwise.</param>
/// <param name="Type">relkind, the column's type, contype, typtype; empty for a function.</param>
/// <param name="Flag">The column is NOT NULL; the constraint is validated; false otherwise.</param>
/// <param name="Detail">relfilenode; whether the column has a default; the constraint's index and columns
/// (<c>conindid|1,3</c>); a hash of the function's body and result.</param>
internal sealed record CatalogEntry(
    CatalogObjectKind Kind, string Key, string Name, uint Owner, string Type, bool Flag, string Detail)
{
    /// <summary>True for a table or partitioned table.</summary>
    public bool IsTable => Kind == CatalogObjectKind.Relation && Type is "r" or "p";

    /// <summary>True for a view or materialized view.</summary>
    public bool IsView => Kind == CatalogObjectKind.Relation && Type is "v" or "m";

    /// <summary>True for an index.</summary>
    public bool IsIndex => Kind == CatalogObjectKind.Relation && Type is "i" or "I";

    /// <summary>The index behind a constraint (0 for none).</summary>
    public uint ConstraintIndex => uint.Parse(Detail.AsSpan(0, Detail.IndexOf('|', StringComparison.Ordinal)),
        System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The column keys (<c>table.attnum</c>) a constraint is on.</summary>
    public IEnumerable<string> ConstraintColumns =>
        Detail[(Detail.IndexOf('|', StringComparison.Ordinal) + 1)..]
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(n => Owner.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + n);

    /// <summary>The oid of a relation, function, type or constraint.</summary>
    public uint Oid => Kind == CatalogObjectKind.Column ? 0 : uint.Parse(Key, System.Globalization.CultureInfo.InvariantCulture);
}
