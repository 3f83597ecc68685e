using System.Diagnostics.CodeAnalysis;

namespace Cutover.Journal;

/// <summary>The schema-qualified name of the journal table (default <c>public.cutover_migrations</c>).</summary>
/// <param name="Schema">The schema.</param>
/// <param name="Table">The table.</param>
public sealed record JournalTableName(string Schema, string Table)
{
    /// <summary>The default, <c>public.cutover_migrations</c>.</summary>
    public static JournalTableName Default { get; } = new("public", "cutover_migrations");

    /// <summary>The name quoted for SQL, e.g. <c>"public"."cutover_migrations"</c>.</summary>
    public string Quoted => SqlIdentifier.Quote(Schema) + "." + SqlIdentifier.Quote(Table);

    /// <summary>Parses <c>schema.table</c> or <c>table</c> (schema <c>public</c>).</summary>
    /// <exception cref="FormatException">The text is empty or has more than one dot.</exception>
    public static JournalTableName Parse(string text) =>
        TryParse(text, out var name) ? name : throw new FormatException($"'{text}' is not a table name: expected schema.table");

    /// <summary>Parses <c>schema.table</c> or <c>table</c>; returns false for anything else.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out JournalTableName? name)
    {
        name = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Split('.');
        if (parts.Length > 2 || parts.Any(p => p.Length == 0))
        {
            return false;
        }

        name = parts.Length == 1 ? new JournalTableName("public", parts[0]) : new JournalTableName(parts[0], parts[1]);
        return true;
    }

    /// <summary><c>schema.table</c>.</summary>
    public override string ToString() => Schema + "." + Table;
}
