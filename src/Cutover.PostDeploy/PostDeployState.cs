namespace Cutover.PostDeploy;

/// <summary>Where one action stands for one tenant, as recorded in the journal's <c>state</c> column.</summary>
public enum PostDeployState
{
    /// <summary>Not run yet, or handed back by a node that shut down; runs when requested.</summary>
    Pending,

    /// <summary>Claimed by a node; the claim expires unless the node renews it.</summary>
    Running,

    /// <summary>Finished without error.</summary>
    Succeeded,

    /// <summary>Threw; the error and stack trace are recorded. <c>--retry-failed</c> runs it again from its cursor.</summary>
    Failed,

    /// <summary>Marked by an operator as not to be run.</summary>
    Skipped,

    /// <summary>Cancelled by an operator; its cursor is kept.</summary>
    Cancelled,

    /// <summary>Paused by an operator; resuming makes it pending again and it continues from its cursor.</summary>
    Paused,

    /// <summary>Never run because the database was installed from a <c>schema.sql</c> at or after the action's
    /// <see cref="PostDeployAttribute.Release"/>: there was no old data to fix. <c>--one ID</c> still runs it.</summary>
    NotNeeded,
}
