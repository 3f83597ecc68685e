namespace Cutover.Safety;

/// <summary>Which part of the catalog a statement can change, so that the lint reads only that part after it.</summary>
[Flags]
internal enum CatalogScope
{
    /// <summary>No tracked object: row changes, comments, grants, triggers, policies.</summary>
    None = 0,

    /// <summary>Tables, views, indexes, their columns and constraints.</summary>
    Relations = 1,

    /// <summary>Functions, procedures and types.</summary>
    Routines = 2,

    /// <summary>Anything: a CASCADE, or a statement the lint does not classify.</summary>
    All = Relations | Routines,
}
