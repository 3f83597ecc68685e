namespace Cutover.Fleet;

/// <summary>What a fleet target is.</summary>
public enum FleetTargetKind
{
    /// <summary>A database, with its journal where <c>--table</c> says.</summary>
    Database,

    /// <summary>A schema of a database, with its own <c>search_path</c> and its own journal
    /// (<c>&lt;schema&gt;.cutover_migrations</c>).</summary>
    Schema,
}
