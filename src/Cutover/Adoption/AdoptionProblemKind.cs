namespace Cutover.Adoption;

/// <summary>Why adoption was refused.</summary>
public enum AdoptionProblemKind
{
    /// <summary>The history names a script the previous tool's folder lacks.</summary>
    MissingFile,

    /// <summary>The file's checksum differs from the one the previous tool recorded: it changed since it ran.</summary>
    ChecksumMismatch,

    /// <summary>The history records the script as failed.</summary>
    Failed,

    /// <summary>No script of Cutover's folder has the file's content.</summary>
    NoCounterpart,

    /// <summary>A script of Cutover's folder the history lacks sorts before one it has: <c>upgrade</c> would apply it
    /// out of order.</summary>
    OutOfOrder,

    /// <summary>The history table does not exist, or is not the previous tool's.</summary>
    HistoryNotFound,
}
