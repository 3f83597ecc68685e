namespace Cutover;

/// <summary>The one place identifiers and literals are quoted for SQL text; values otherwise travel as parameters.</summary>
/// <remarks>Public for post-deploy actions and Cutover's own packages, which build statements around table and
/// schema names that cannot be parameters.</remarks>
public static class SqlIdentifier
{
    /// <summary>Quotes an identifier: <c>my"table</c> becomes <c>"my""table"</c>.</summary>
    public static string Quote(string identifier) =>
        "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Quotes a schema-qualified name: <c>"schema"."name"</c>, or just <c>"name"</c> without a schema.</summary>
    public static string Quote(string? schema, string name) =>
        schema is null ? Quote(name) : Quote(schema) + "." + Quote(name);

    /// <summary>Quotes an identifier only when PostgreSQL's <c>quote_ident</c> would (keywords aside): names of
    /// lower-case letters, digits, <c>_</c> and <c>$</c> that start with a letter or <c>_</c> stay bare, as the
    /// server prints them in definitions; anything else is quoted as <see cref="Quote(string)"/> does.</summary>
    internal static string QuoteIfNeeded(string identifier) =>
        identifier.Length > 0 && (char.IsAsciiLetterLower(identifier[0]) || identifier[0] == '_') &&
        identifier.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_' || c == '$')
            ? identifier
            : Quote(identifier);

    /// <summary>A schema-qualified name quoted as <see cref="QuoteIfNeeded(string)"/> quotes each part.</summary>
    internal static string QuoteIfNeeded(string schema, string name) => QuoteIfNeeded(schema) + "." + QuoteIfNeeded(name);

    /// <summary>Quotes a literal for printed scripts (standard_conforming_strings on): <c>it's</c> becomes
    /// <c>'it''s'</c>.</summary>
    internal static string QuoteLiteral(string value) =>
        "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
