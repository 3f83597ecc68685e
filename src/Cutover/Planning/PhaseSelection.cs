namespace Cutover.Planning;

/// <summary>Which pending migrations an upgrade may apply.</summary>
public enum PhaseSelection
{
    /// <summary>Pending pre-migrations, in order, stopping before the first pending post-migration.</summary>
    Pre,

    /// <summary>Pending post-migrations, in order; nothing while a pre-migration is pending before them.</summary>
    Post,

    /// <summary>Everything pending, for deploys that accept downtime and for development.</summary>
    All,
}
