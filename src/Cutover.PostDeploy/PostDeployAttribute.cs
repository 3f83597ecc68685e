namespace Cutover.PostDeploy;

/// <summary>Declares a post-deploy action: a class implementing <see cref="IPostDeployAction"/>, or a method taking a
/// <see cref="PostDeployContext"/>, that runs once after a deploy.</summary>
/// <remarks>A method action may be static or an instance method (its class is created through the service provider);
/// its parameters are filled with the <see cref="PostDeployContext"/>, the <see cref="CancellationToken"/>, and any
/// other service the provider has. It returns <see cref="Task"/>, <see cref="ValueTask"/> or nothing.</remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class PostDeployAttribute : Attribute
{
    /// <summary>Declares an action with its stable id, e.g. <c>2026-11-backfill-order-totals</c>.</summary>
    /// <param name="id">The id recorded in the journal; never change it once deployed. Actions run in ordinal order
    /// of their ids, so a date prefix orders them by when they were written.</param>
    public PostDeployAttribute(string id)
    {
        Id = id;
    }

    /// <summary>The stable id recorded in the journal.</summary>
    public string Id { get; }

    /// <summary>Whether <c>cutover deploy --auto</c> (and hosted workers) run the action without being asked by
    /// name; false keeps it for an operator's <c>--one</c>.</summary>
    public bool Auto { get; set; }

    /// <summary>What the action does, for the report.</summary>
    public string? Description { get; set; }

    /// <summary>When the action must run; <see cref="PostDeployStage.AfterPost"/> by default.
    /// <see cref="PostDeployStage.BeforePost"/> holds back <c>cutover upgrade --phase post</c> until it succeeded.</summary>
    public PostDeployStage Stage { get; set; }

    /// <summary>The release the action belongs to, in the version form of the migration scripts it accompanies
    /// (<c>02.00.00</c>); null when it belongs to none. On a database installed from a <c>schema.sql</c> at this
    /// release or a later one the action is recorded as <see cref="PostDeployState.NotNeeded"/> instead of running,
    /// so that a new database never runs old data fixes.</summary>
    public string? Release { get; set; }
}
