namespace MigrationBench.Peers;

/// <summary>One way of applying the generated migrations to a database: a row of the table.</summary>
internal interface IPeer
{
    /// <summary>The row's label.</summary>
    string Name { get; }

    /// <summary>Whether the tool records what it applied, so that a second run is a no-op worth timing (psql has no
    /// history: its second run would fail on the existing tables).</summary>
    bool KeepsHistory { get; }

    /// <summary>Whether it runs inside this process (a library), so its JIT is warmed up before measuring; tools in
    /// a process of their own pay their start-up on every run, as they do in a deploy.</summary>
    bool RunsInProcess { get; }

    /// <summary>Applies every pending migration to the target database, which exists.</summary>
    Task ApplyAsync(RunTarget target);
}
