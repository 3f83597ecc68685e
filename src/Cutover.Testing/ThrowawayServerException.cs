namespace Cutover.Testing;

/// <summary>A throwaway server could not be found, initialised, started or stopped.</summary>
public sealed class ThrowawayServerException : CutoverException
{
    /// <summary>Creates the exception.</summary>
    public ThrowawayServerException(string message)
        : base(message)
    {
    }
}
