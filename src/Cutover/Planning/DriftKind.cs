namespace Cutover.Planning;

/// <summary>How the journal and the scripts disagree.</summary>
public enum DriftKind
{
    /// <summary>An applied script's file changed since it was recorded.</summary>
    ChecksumChanged,

    /// <summary>The journal records a script whose file is gone.</summary>
    FileMissing,

    /// <summary>A no-transaction script failed half-way and awaits <c>repair</c>.</summary>
    Failed,

    /// <summary>A no-transaction script's run died half-way (or is running right now).</summary>
    Interrupted,

    /// <summary>A pending script sorts before an applied one.</summary>
    OutOfOrder,

    /// <summary>An applied no-transaction script's index is INVALID (an interrupted concurrent build).</summary>
    InvalidIndex,
}
