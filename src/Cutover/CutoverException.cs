namespace Cutover;

/// <summary>The base of every error Cutover raises on purpose; anything else is a bug.</summary>
/// <remarks>Each sealed subtype carries the facts a caller needs to act on, and its message reads like compiler
/// output (<c>file:line:column: what went wrong</c>) so that editors and CI logs can jump to the culprit.</remarks>
public abstract class CutoverException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    protected CutoverException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and the error that caused it.</summary>
    protected CutoverException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
