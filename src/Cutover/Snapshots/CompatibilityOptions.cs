using Cutover.Journal;
using Cutover.Scripts;

namespace Cutover.Snapshots;

/// <summary>What <see cref="CompatibilityCheck"/> runs: the release being replaced and the two test suites.</summary>
public sealed record CompatibilityOptions
{
    /// <summary>The release in production, whose code keeps running during the pre phase of the next deploy.</summary>
    public required ScriptVersion Released { get; init; }

    /// <summary>The released code's test command, run by <c>/bin/sh -c</c>.</summary>
    public required string OldTests { get; init; }

    /// <summary>The new code's test command, run by <c>/bin/sh -c</c>.</summary>
    public required string NewTests { get; init; }

    /// <summary>The working directory of the test commands; the current one when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The journal table; <c>public.cutover_migrations</c> by default.</summary>
    public JournalTableName JournalTable { get; init; } = JournalTableName.Default;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OldTests);
        ArgumentException.ThrowIfNullOrWhiteSpace(NewTests);
    }
}
