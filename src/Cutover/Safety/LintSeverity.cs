namespace Cutover.Safety;

/// <summary>How bad a lint finding is: an error fails <c>cutover lint</c> (exit 1), a warning does not.</summary>
public enum LintSeverity
{
    /// <summary>Worth a look, but safe enough to deploy (data loss in a post-migration, an unused allow).</summary>
    Warning,

    /// <summary>Breaks the old application or blocks production traffic; the lint fails.</summary>
    Error,
}
