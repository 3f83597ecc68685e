namespace Cutover.Testing;

/// <summary>How to start a <see cref="ThrowawayPgBouncer"/>; every property has a sensible default.</summary>
public sealed record ThrowawayPgBouncerOptions
{
    /// <summary>When a server connection returns to the pool; transaction pooling, the mode that breaks session
    /// state, by default.</summary>
    public PgBouncerPoolMode PoolMode { get; init; } = PgBouncerPoolMode.Transaction;

    /// <summary>Server connections per database and user (<c>default_pool_size</c>).</summary>
    public int DefaultPoolSize { get; init; } = 20;

    /// <summary>Client connections PgBouncer accepts (<c>max_client_conn</c>).</summary>
    public int MaxClientConnections { get; init; } = 200;

    /// <summary>The <c>pgbouncer</c> program; <c>/usr/sbin/pgbouncer</c> (Debian's package) or the first on PATH
    /// when null.</summary>
    public string? Program { get; init; }

    /// <summary>Where the temporary folder (configuration, Unix socket, log) is made; the system temp folder when
    /// null.</summary>
    public string? ParentDirectory { get; init; }

    /// <summary>Extra <c>[pgbouncer]</c> settings, applied on top of the throwaway defaults.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>How long to wait for PgBouncer to accept a first connection.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The operating-system account that runs PgBouncer when the current process is root, because PgBouncer
    /// refuses to run as root.</summary>
    public string ServiceAccount { get; init; } = "postgres";
}
