namespace Cutover.Journal;

/// <summary>How a migration came to be recorded.</summary>
internal enum JournalEntryKind
{
    /// <summary>Cutover ran the script.</summary>
    Applied,

    /// <summary>Recorded by <c>baseline</c> without running: the database already had it.</summary>
    Baseline,

    /// <summary>Recorded by <c>install</c>: <c>schema.sql</c> built what the script would have.</summary>
    Schema,

    /// <summary>Recorded by <c>adopt</c> from another tool's history: that tool ran it.</summary>
    Adopted,
}
