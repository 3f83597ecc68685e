namespace Cutover.Connections;

/// <summary>The database could not be reached: the server is down or unreachable, refused the login, or the database
/// does not exist. Nothing was applied.</summary>
public sealed class DatabaseUnavailableException : CutoverException
{
    /// <summary>Creates the exception for <paramref name="target"/> (host, port, database and user; never a
    /// password), with the reason read from <paramref name="innerException"/>: one line such as
    /// <c>db1:5432/shop as app: cannot connect: 3D000: database "shop" does not exist</c>.</summary>
    internal DatabaseUnavailableException(string target, Exception innerException)
        : base($"{target}: cannot connect: {DatabaseConnection.DescribeFailure(innerException)}", innerException)
    {
        Target = target;
    }

    /// <summary>The target that could not be reached, as <c>host:port/database as user</c>.</summary>
    public string Target { get; }
}
