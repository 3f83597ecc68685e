namespace Cutover.Journal;

/// <summary>The journal table is to live in a schema the database does not have. Most likely the schema name is
/// mistyped, and creating it would start a second, empty journal that re-applies every script; so nothing was
/// applied and nothing was created.</summary>
public sealed class JournalSchemaNotFoundException : CutoverException
{
    /// <summary>Creates the exception for <paramref name="journalTable"/>.</summary>
    internal JournalSchemaNotFoundException(JournalTableName journalTable)
        : base($"journal table {journalTable?.ToString() ?? throw new ArgumentNullException(nameof(journalTable))}: " +
               $"schema {SqlIdentifier.Quote(journalTable.Schema)} does not exist; create it first, or keep the journal " +
               "in an existing schema")
    {
        JournalTable = journalTable;
    }

    /// <summary>The journal table that was asked for.</summary>
    public JournalTableName JournalTable { get; }

    /// <summary>The schema that does not exist.</summary>
    public string Schema => JournalTable.Schema;
}
