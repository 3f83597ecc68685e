namespace Cutover.Safety;

/// <summary>PostgreSQL's table lock modes, weakest first, as <c>pg_locks.mode</c> names them.</summary>
internal enum TableLockMode
{
    None,
    AccessShareLock,
    RowShareLock,
    RowExclusiveLock,
    ShareUpdateExclusiveLock,
    ShareLock,
    ShareRowExclusiveLock,
    ExclusiveLock,
    AccessExclusiveLock,
}
