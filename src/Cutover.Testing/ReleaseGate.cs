using Cutover.Scripts;

namespace Cutover.Testing;

/// <summary>Decides whether a test applies to the release under test, so an old release's suite can skip tests written
/// for features it does not have (Procrastinate's <c>skip_before_version</c>). Framework-neutral: it returns a bool
/// for the framework's own skip (<c>Assert.SkipUnless</c> in xunit v3, <c>Assume.That</c> in NUnit).</summary>
/// <param name="Release">The release under test; null for the current code, which has every feature.</param>
public sealed record ReleaseGate(ScriptVersion? Release)
{
    /// <summary>The variable <c>cutover compat</c> sets to the release whose tests run.</summary>
    public const string ReleaseVariable = "CUTOVER_RELEASE";

    /// <summary>Reads <see cref="ReleaseVariable"/> from <paramref name="environment"/> (pass a snapshot of the
    /// process environment); no variable means the current code.</summary>
    /// <exception cref="FormatException">The variable is not a version.</exception>
    public static ReleaseGate FromEnvironment(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.TryGetValue(ReleaseVariable, out var text) && !string.IsNullOrWhiteSpace(text)
            ? new ReleaseGate(ScriptVersion.Parse(text))
            : new ReleaseGate((ScriptVersion?)null);
    }

    /// <summary>True when the release under test has what <paramref name="since"/> introduced: the current code, or a
    /// release at or after it.</summary>
    public bool Includes(ScriptVersion since) => Release is not { } release || release >= since;

    /// <summary>As <see cref="Includes(ScriptVersion)"/>, for a version written as text.</summary>
    /// <exception cref="FormatException"><paramref name="since"/> is not a version.</exception>
    public bool Includes(string since) => Includes(ScriptVersion.Parse(since));
}
