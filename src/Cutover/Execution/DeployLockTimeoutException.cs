using System.Globalization;

namespace Cutover.Execution;

/// <summary>Another run held the deploy lock for longer than the caller would wait. Nothing was applied.</summary>
public sealed class DeployLockTimeoutException : CutoverException
{
    /// <summary>Creates the exception.</summary>
    internal DeployLockTimeoutException(TimeSpan waited, DeployLockHolder? holder, Exception? innerException)
        : base(string.Create(CultureInfo.InvariantCulture,
                   $"the deploy lock is held by another run{(holder is null ? "" : $" ({holder.Describe()}" +
                       $"{(holder.Since is { } since ? $", since {since:u}" : "")})")}; " +
                   $"gave up after {waited.TotalSeconds:0.#} s (see --lock-wait)"),
               innerException)
    {
        Waited = waited;
        Holder = holder;
    }

    /// <summary>How long the run waited.</summary>
    public TimeSpan Waited { get; }

    /// <summary>Who held the lock when the run gave up, when the server said.</summary>
    public DeployLockHolder? Holder { get; }
}
