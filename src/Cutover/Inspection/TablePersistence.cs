namespace Cutover.Inspection;

/// <summary>Whether a table's rows are written to the write-ahead log.</summary>
internal enum TablePersistence
{
    /// <summary>An ordinary, logged table.</summary>
    Permanent,

    /// <summary>An <c>UNLOGGED</c> table.</summary>
    Unlogged,

    /// <summary>A temporary table.</summary>
    Temporary,
}
