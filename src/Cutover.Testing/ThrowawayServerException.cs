namespace Cutover.Testing;

/// <summary>A throwaway server could not be found, initialised, started or stopped.</summary>
public sealed class ThrowawayServerException : CutoverException
{
    /// <summary>Creates the exception.</summary>
    internal ThrowawayServerException(string message)
        : base(message)
    {
    }
}
