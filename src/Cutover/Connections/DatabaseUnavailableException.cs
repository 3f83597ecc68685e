namespace Cutover.Connections;

/// <summary>The database could not be reached: the server is down or unreachable, refused the login, or the database
/// does not exist. Nothing was applied.</summary>
public sealed class DatabaseUnavailableException : CutoverException
{
    /// <summary>Creates the exception for <paramref name="target"/> (host, port, database and user; never a
    /// password).</summary>
    public DatabaseUnavailableException(string target, Exception innerException)
        : base($"{target}: cannot connect: {innerException.Message}", innerException)
    {
        Target = target;
    }

    /// <summary>The target that could not be reached, as <c>host:port/database as user</c>.</summary>
    public string Target { get; }
}
