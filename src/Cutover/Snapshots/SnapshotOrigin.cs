namespace Cutover.Snapshots;

/// <summary>Where a snapshot handed out by <see cref="TemplateDatabaseCache.EnsureAsync"/> came from.</summary>
public enum SnapshotOrigin
{
    /// <summary>It already existed on the server.</summary>
    Cached,

    /// <summary>Restored from the file store.</summary>
    Restored,

    /// <summary>Cloned from a snapshot holding a prefix of its migrations, then the rest applied.</summary>
    Extended,

    /// <summary>Every migration replayed into an empty database.</summary>
    Replayed,

    /// <summary>Installed from <c>schema.sql</c>.</summary>
    Installed,
}
