namespace Cutover.Execution;

/// <summary>Another run held the deploy lock for longer than the caller would wait. Nothing was applied.</summary>
public sealed class DeployLockTimeoutException : CutoverException
{
    /// <summary>Creates the exception.</summary>
    public DeployLockTimeoutException(TimeSpan waited, Exception? innerException)
        : base($"the deploy lock is held by another run; gave up after {waited.TotalSeconds:0.#} s " +
               "(see --lock-wait)", innerException)
    {
        Waited = waited;
    }

    /// <summary>How long the run waited.</summary>
    public TimeSpan Waited { get; }
}
