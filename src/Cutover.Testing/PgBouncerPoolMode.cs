namespace Cutover.Testing;

/// <summary>When PgBouncer hands a server connection back to its pool: PgBouncer's <c>pool_mode</c>.</summary>
public enum PgBouncerPoolMode
{
    /// <summary>When the client disconnects: a client keeps one server session, so every PostgreSQL feature works.
    /// </summary>
    Session,

    /// <summary>When a transaction ends: consecutive transactions of one client may run on different server
    /// sessions, so session state (<c>SET</c>, advisory locks, prepared statements) does not follow the client.</summary>
    Transaction,

    /// <summary>When a statement ends: multi-statement transactions are refused.</summary>
    Statement,
}
