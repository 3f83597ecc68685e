namespace Cutover.Connections;

/// <summary>A connection target cannot be resolved: a malformed URI or connection string, a service that is not
/// defined, or a bad line in a service or password file.</summary>
/// <remarks>The message reads like compiler output (<c>/home/ana/.pg_service.conf:7: line is not key=value</c>) and
/// never contains a password or a full connection string, so it is safe to print and to log.</remarks>
public sealed class ConnectionConfigurationException : CutoverException
{
    /// <summary>Creates the exception for a problem that is not tied to a file.</summary>
    /// <param name="message">The one-line message; it must not contain a password.</param>
    internal ConnectionConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception for a problem on one line of a file.</summary>
    /// <param name="filePath">The file at fault.</param>
    /// <param name="line">The 1-based line at fault.</param>
    /// <param name="problem">What is wrong with the line; it must not contain a password.</param>
    internal ConnectionConfigurationException(string filePath, int line, string problem)
        : base(FormattableString.Invariant($"{filePath}:{line}: {problem}"))
    {
        FilePath = filePath;
        Line = line;
    }

    /// <summary>Creates the exception for a problem that another error revealed.</summary>
    /// <param name="message">The one-line message; it must not contain a password.</param>
    /// <param name="innerException">The error that revealed the problem.</param>
    internal ConnectionConfigurationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The service or password file at fault, when the problem is in a file.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line of <see cref="FilePath"/> at fault, when the problem is in a file.</summary>
    public int? Line { get; }
}
