namespace Cutover.Execution;

/// <summary>Where a script is in its run.</summary>
public enum ScriptStage
{
    /// <summary>About to run.</summary>
    Starting,

    /// <summary>Hit the lock timeout; will be retried after a backoff.</summary>
    Retrying,

    /// <summary>Ran and was recorded.</summary>
    Applied,

    /// <summary>Failed; rolled back, or marked failed for no-transaction scripts.</summary>
    Failed,
}
