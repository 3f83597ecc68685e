namespace Cutover.Journal;

/// <summary>Where a recorded migration stands.</summary>
internal enum JournalState
{
    /// <summary>Done.</summary>
    Succeeded,

    /// <summary>A no-transaction script is running, or its run died half-way (nobody holds the deploy lock).</summary>
    Running,

    /// <summary>A no-transaction script failed half-way; <c>repair</c> clears it once the database is fixed.</summary>
    Failed,
}
