using System.Collections.Immutable;

namespace Cutover.Planning;

/// <summary>Where a database stands against a migration set: <c>cutover status</c>.</summary>
/// <param name="JournalExists">False for a database Cutover never touched.</param>
/// <param name="Scripts">Every script (and every journal row without a file), in order.</param>
/// <param name="CurrentVersion">The highest version recorded, or null.</param>
/// <param name="NextPre">What <c>upgrade --phase pre</c> would do.</param>
/// <param name="NextPost">What <c>upgrade --phase post</c> would do.</param>
/// <param name="Drift">Disagreements between the journal and the files.</param>
public sealed record MigrationStatus(
    bool JournalExists,
    ImmutableArray<ScriptStatus> Scripts,
    string? CurrentVersion,
    MigrationPlan NextPre,
    MigrationPlan NextPost,
    ImmutableArray<DriftFinding> Drift);
