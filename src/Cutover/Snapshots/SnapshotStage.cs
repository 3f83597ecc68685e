using Cutover.Scripts;

namespace Cutover.Snapshots;

/// <summary>How far into a migration set a snapshot goes: everything, or a release plus the pre-migrations that
/// follow it (the database an old release sees during a blue-green deploy).</summary>
/// <remarks>The rule for <see cref="PreAfter"/> is the one Procrastinate's CI uses: every migration up to the first
/// post-migration above the release.</remarks>
public sealed record SnapshotStage
{
    private SnapshotStage(ScriptVersion? released) => Released = released;

    /// <summary>Every migration of the set.</summary>
    public static SnapshotStage Everything { get; } = new((ScriptVersion?)null);

    /// <summary>The release the stage is built for, or null for <see cref="Everything"/>.</summary>
    public ScriptVersion? Released { get; }

    /// <summary>Release <paramref name="released"/> with every migration up to it, plus the pre-migrations after it up
    /// to the first post-migration above it.</summary>
    public static SnapshotStage PreAfter(ScriptVersion released) => new(released);

    /// <summary>How many scripts of <paramref name="scripts"/> (in order) this stage holds.</summary>
    public int CountIn(MigrationSet scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        if (Released is not { } released)
        {
            return scripts.Scripts.Length;
        }

        for (var i = 0; i < scripts.Scripts.Length; i++)
        {
            var script = scripts.Scripts[i];
            if (script.Version > released && script.Phase == Phase.Post)
            {
                return i;
            }
        }

        return scripts.Scripts.Length;
    }

    /// <summary><c>all</c>, or <c>pre-after:VERSION</c>.</summary>
    public override string ToString() => Released is { } released ? "pre-after:" + released.Text : "all";
}
