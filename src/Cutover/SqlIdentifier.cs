namespace Cutover;

/// <summary>The one place identifiers and literals are quoted for SQL text; values otherwise travel as parameters.</summary>
internal static class SqlIdentifier
{
    /// <summary>Quotes an identifier: <c>my"table</c> becomes <c>"my""table"</c>.</summary>
    public static string Quote(string identifier) =>
        "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Quotes a schema-qualified name: <c>"schema"."name"</c>, or just <c>"name"</c> without a schema.</summary>
    public static string Quote(string? schema, string name) =>
        schema is null ? Quote(name) : Quote(schema) + "." + Quote(name);

    /// <summary>Quotes a literal for printed scripts (standard_conforming_strings on): <c>it's</c> becomes
    /// <c>'it''s'</c>.</summary>
    public static string QuoteLiteral(string value) =>
        "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
