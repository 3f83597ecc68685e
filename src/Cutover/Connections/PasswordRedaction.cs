namespace Cutover.Connections;

/// <summary>Decides whether a message may quote a piece of user input.</summary>
/// <remarks>A malformed URI or connection string can be split in the wrong places, so that a piece of its password
/// lands where a port or a keyword was expected (<c>postgresql://ana:pa/ss@db</c> parses as host <c>ana</c>, port
/// <c>pa</c>). Messages quote such pieces only when the input cannot hold a password at all.</remarks>
internal static class PasswordRedaction
{
    /// <summary>Whether <paramref name="text"/> might contain a password: user information in a URI or any password
    /// keyword (libpq's <c>password</c>, Npgsql's <c>Password</c>, <c>PWD</c> and <c>PSW</c>).</summary>
    public static bool MayContainPassword(string text) =>
        text.Contains('@', StringComparison.Ordinal)
        || text.Contains("password", StringComparison.OrdinalIgnoreCase)
        || text.Contains("pwd", StringComparison.OrdinalIgnoreCase)
        || text.Contains("psw", StringComparison.OrdinalIgnoreCase);

    /// <summary>Quotes <paramref name="piece"/> of <paramref name="input"/> for a message, or says it is hidden.</summary>
    public static string Quote(string input, string piece) =>
        MayContainPassword(input) ? "(not shown: the input holds a password)" : "\"" + piece + "\"";
}
