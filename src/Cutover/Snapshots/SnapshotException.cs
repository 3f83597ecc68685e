namespace Cutover.Snapshots;

/// <summary>A snapshot could not be built, stored, restored or cloned for a reason other than a failing migration
/// (which raises <see cref="Execution.ScriptExecutionException"/>): a missing or failing <c>pg_dump</c>, or a
/// template dropped while in use.</summary>
public sealed class SnapshotException : CutoverException
{
    /// <summary>Creates the exception.</summary>
    internal SnapshotException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    internal SnapshotException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
