namespace Cutover.PostDeploy;

/// <summary>Which actions a deploy runs; the <c>cutover deploy</c> options of the same names.</summary>
public enum PostDeployMode
{
    /// <summary><c>--auto</c>: pending actions declared with <see cref="PostDeployAttribute.Auto"/>.</summary>
    Auto,

    /// <summary><c>--all</c>: every pending action.</summary>
    All,

    /// <summary><c>--one ID</c>: the named action now, whatever its state (unless another node is running it).</summary>
    One,

    /// <summary><c>--once ID</c>: the named action unless it already succeeded.</summary>
    Once,

    /// <summary><c>--retry-failed</c>: every failed action, continuing from its cursor.</summary>
    RetryFailed,
}
