namespace Cutover.PostDeploy;

/// <summary>The one place post-deploy SQL quotes identifiers (journal schema and table, backfill table and key).</summary>
internal static class SqlIdentifier
{
    /// <summary>Quotes one identifier: <c>a"b</c> becomes <c>"a""b"</c>.</summary>
    public static string Quote(string identifier) =>
        "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Quotes a possibly schema-qualified name; a null schema leaves the name to <c>search_path</c>.</summary>
    public static string Quote(string? schema, string name) =>
        schema is null ? Quote(name) : Quote(schema) + "." + Quote(name);
}
