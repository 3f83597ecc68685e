using Cutover.Adoption;

namespace Cutover.Journal;

/// <summary>The journal table named exists but is not a Cutover journal: most likely another tool's history, such as
/// the <c>public.pum</c> of Procrastinate's Pum guide. Nothing was read from it or written to it.</summary>
public sealed class ForeignJournalTableException : CutoverException
{
    internal ForeignJournalTableException(JournalTableName journalTable, PreviousTool? recognized)
        : base(Describe(journalTable, recognized))
    {
        JournalTable = journalTable;
        RecognizedTool = recognized;
    }

    /// <summary>The table that was named as the journal.</summary>
    public JournalTableName JournalTable { get; }

    /// <summary>The tool whose history the table looks like, if its columns say.</summary>
    public PreviousTool? RecognizedTool { get; }

    private static string Describe(JournalTableName table, PreviousTool? tool) => tool is { } known
        ? $"{table} is {PreviousTools.DisplayName(known)}'s history, not a Cutover journal: bring that history into " +
          $"Cutover's own journal with 'cutover adopt --from {PreviousTools.CommandName(known)} --history {table} " +
          "--from-dir OLD_SCRIPTS', then run upgrade without --table (or with a new one); the table is left as it is"
        : $"{table} exists but is not a Cutover journal (it has no 'kind' column): name another table with --table";
}
