using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Cutover.Journal;

/// <summary>The schema-qualified name of the journal table (default <c>public.cutover_migrations</c>).</summary>
/// <param name="Schema">The schema.</param>
/// <param name="Table">The table.</param>
/// <remarks>Built directly, a name may hold any characters: it is always quoted in SQL. Parsed from text, it must be
/// plain (<see cref="TryParse"/>), because only then does <c>schema.table</c> have one reading.</remarks>
public sealed partial record JournalTableName(string Schema, string Table)
{
    /// <summary>What <see cref="TryParse"/> accepts, for messages.</summary>
    public const string PlainNameRule =
        "expected schema.name or name, each part a lower-case letter or _ followed by lower-case letters, digits, _ " +
        "or $ (at most 63 characters)";

    /// <summary>The default, <c>public.cutover_migrations</c>.</summary>
    public static JournalTableName Default { get; } = new("public", "cutover_migrations");

    /// <summary>The name quoted for SQL, e.g. <c>"public"."cutover_migrations"</c>.</summary>
    public string Quoted => SqlIdentifier.Quote(Schema) + "." + SqlIdentifier.Quote(Table);

    /// <summary>Parses <c>schema.table</c> or <c>table</c> (schema <c>public</c>); see <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">The text is not a plain name.</exception>
    public static JournalTableName Parse(string text) =>
        TryParse(text, out var name) ? name : throw new FormatException($"'{text}' is not a journal table name: {PlainNameRule}");

    /// <summary>Parses <c>schema.table</c> or <c>table</c> (schema <c>public</c>); returns false for anything else.</summary>
    /// <remarks>Each part must be an ordinary lower-case SQL identifier (<see cref="PlainNameRule"/>), which means the
    /// same quoted or not: <c>Ops.Journal</c> would name <c>ops.journal</c> in SQL but <c>"Ops"."Journal"</c> in the
    /// catalog, and quotes, spaces, dots or SQL in a name are far more likely a mistake than a wish.</remarks>
    public static bool TryParse(string? text, [NotNullWhen(true)] out JournalTableName? name)
    {
        name = null;
        if (text is null)
        {
            return false;
        }

        var parts = text.Split('.');
        if (parts.Length > 2 || !parts.All(p => PlainIdentifier().IsMatch(p)))
        {
            return false;
        }

        name = parts.Length == 1 ? new JournalTableName("public", parts[0]) : new JournalTableName(parts[0], parts[1]);
        return true;
    }

    /// <summary><c>schema.table</c>.</summary>
    public override string ToString() => Schema + "." + Table;

    // PostgreSQL truncates identifiers to NAMEDATALEN - 1 = 63 bytes; all of these characters are one byte.
    [GeneratedRegex(@"\A[a-z_][a-z0-9_$]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainIdentifier();
}
