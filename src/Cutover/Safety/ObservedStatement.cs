using System.Collections.Frozen;

namespace Cutover.Safety;

/// <summary>What one statement did on the scratch database, seen from its own transaction.</summary>
/// <param name="Statement">The statement.</param>
/// <param name="Ran">False when it cannot run in a transaction block (25001), so nothing was observed.</param>
/// <param name="Before">The catalog just before it.</param>
/// <param name="After">The catalog just after it.</param>
/// <param name="Locks">The strongest lock the transaction holds on each relation after it (locks are kept to the
/// end of a transaction, so this includes those of earlier statements).</param>
/// <param name="Scanned">Tables it read with a sequential scan (<c>pg_stat_xact_user_tables.seq_scan</c>).</param>
/// <param name="RowsChanged">Rows it updated or deleted, per table.</param>
internal sealed record ObservedStatement(
    LintStatement Statement,
    bool Ran,
    CatalogState Before,
    CatalogState After,
    FrozenDictionary<uint, TableLockMode> Locks,
    FrozenSet<uint> Scanned,
    FrozenDictionary<uint, long> RowsChanged)
{
    public TableLockMode LockOn(uint relation) => Locks.GetValueOrDefault(relation);
}
