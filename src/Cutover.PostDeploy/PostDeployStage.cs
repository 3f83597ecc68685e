namespace Cutover.PostDeploy;

/// <summary>When in a blue-green deploy an action must run.</summary>
public enum PostDeployStage
{
    /// <summary>After the post phase, once only the new code runs (the default): warm-ups, clean-ups, data fixes that
    /// nothing in the schema waits for.</summary>
    AfterPost,

    /// <summary>After the pre phase and before the post phase may start: the backfill between "add a column" and
    /// "make it NOT NULL, drop the old one". <c>cutover upgrade --phase post</c> refuses to start while such an
    /// action has not succeeded (docs/post-deploy.md, "Gates").</summary>
    BeforePost,
}
