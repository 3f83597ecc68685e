namespace Cutover.Soak;

/// <summary>What a generated soak script does, which decides how its effect is checked afterwards.</summary>
internal enum SoakScriptKind
{
    /// <summary>The first script: the marker table and the big table the indexes are built on.</summary>
    Setup,

    /// <summary>Transactional: creates a table (42P07 if run twice) and inserts its marker row.</summary>
    Marker,

    /// <summary>Transactional and slow (<c>pg_sleep</c> between its table and its marker row).</summary>
    Slow,

    /// <summary><c>-- cutover:no-transaction</c>: <c>CREATE INDEX CONCURRENTLY IF NOT EXISTS</c> on the big table.</summary>
    ConcurrentIndex,

    /// <summary><c>-- cutover:no-transaction</c>: <c>REINDEX INDEX CONCURRENTLY</c> of an earlier index.</summary>
    ConcurrentReindex,
}
