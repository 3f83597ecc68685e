namespace Cutover.Testing;

/// <summary>How to start a <see cref="ThrowawayServer"/>; every property has a sensible default.</summary>
public sealed record ThrowawayServerOptions
{
    /// <summary>The folder holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>; found on PATH or under
    /// <c>/usr/lib/postgresql/*/bin</c> (newest first) when null.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>Where the server's temporary folder is made; the system temp folder when null. Benchmarks pass
    /// <c>/dev/shm</c>, because file creation on disk makes timings swing.</summary>
    public string? ParentDirectory { get; init; }

    /// <summary>Extra <c>postgresql.conf</c> settings, applied on top of the throwaway defaults
    /// (<c>fsync=off</c>, <c>synchronous_commit=off</c>, <c>full_page_writes=off</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The operating-system account that runs the server when the current process is root, because
    /// PostgreSQL refuses to run as root.</summary>
    public string ServiceAccount { get; init; } = "postgres";
}
