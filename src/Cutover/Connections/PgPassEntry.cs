namespace Cutover.Connections;

/// <summary>One line of a password file: <c>host:port:database:user:password</c>, each of the first four fields either
/// a value or <c>*</c> (null here) matching anything.</summary>
/// <param name="Host">The host name, socket folder or <c>localhost</c>; null for <c>*</c>.</param>
/// <param name="Port">The port as written; null for <c>*</c>.</param>
/// <param name="Database">The database name; null for <c>*</c>.</param>
/// <param name="User">The user name; null for <c>*</c>.</param>
/// <param name="Password">The password. <see cref="ToString"/> never shows it.</param>
/// <param name="Line">The 1-based line of the file.</param>
internal sealed record PgPassEntry(string? Host, string? Port, string? Database, string? User, string Password, int Line)
{
    /// <summary>Whether this line applies to a connection; libpq compares every field exactly, case included.</summary>
    public bool Matches(string host, string port, string database, string user) =>
        FieldMatches(Host, host) && FieldMatches(Port, port) && FieldMatches(Database, database)
        && FieldMatches(User, user);

    /// <summary>The line without its password.</summary>
    public override string ToString() =>
        $"{Host ?? "*"}:{Port ?? "*"}:{Database ?? "*"}:{User ?? "*"}:(password not shown)";

    private static bool FieldMatches(string? pattern, string value) =>
        pattern is null || string.Equals(pattern, value, StringComparison.Ordinal);
}
