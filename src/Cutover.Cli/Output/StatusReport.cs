using Cutover.Planning;

namespace Cutover.Cli.Output;

/// <summary>What <c>cutover status</c> prints, as text or JSON.</summary>
internal sealed record StatusReport(
    bool JournalExists,
    string? CurrentVersion,
    IReadOnlyList<ScriptStatus> Scripts,
    PhaseOutlook NextPre,
    PhaseOutlook NextPost,
    IReadOnlyList<DriftFinding> Drift)
{
    public static StatusReport From(MigrationStatus status) => new(
        status.JournalExists, status.CurrentVersion, status.Scripts, PhaseOutlook.From(status.NextPre),
        PhaseOutlook.From(status.NextPost), status.Drift);

    public void WriteText(TextWriter output)
    {
        if (!JournalExists)
        {
            output.WriteLine("No journal: Cutover has not touched this database (run 'cutover install' or 'cutover upgrade').");
        }

        var width = Scripts.Count == 0 ? 0 : Scripts.Max(s => s.Name.Length);
        foreach (var script in Scripts)
        {
            var when = script.AppliedAt is { } at ? at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) : "";
            output.WriteLine($"  {script.Name.PadRight(width)}  {script.Phase.ToString().ToLowerInvariant(),-4}  {Describe(script.State),-16}  {when}".TrimEnd());
        }

        output.WriteLine();
        output.WriteLine($"Current version: {CurrentVersion ?? "none"}");
        WriteOutlook(output, "pre", NextPre);
        WriteOutlook(output, "post", NextPost);
        if (Drift.Count > 0)
        {
            output.WriteLine($"Drift ({Drift.Count}):");
            foreach (var finding in Drift)
            {
                output.WriteLine($"  {finding}");
            }
        }
    }

    private static void WriteOutlook(TextWriter output, string phase, PhaseOutlook outlook)
    {
        if (outlook.Scripts.Count > 0)
        {
            output.WriteLine($"Next {phase} phase would apply {outlook.Scripts.Count}: {string.Join(", ", outlook.Scripts)}");
        }
        else
        {
            output.WriteLine($"Next {phase} phase: nothing ({outlook.Remark})");
        }
    }

    private static string Describe(ScriptState state) => state switch
    {
        ScriptState.Pending => "pending",
        ScriptState.Applied => "applied",
        ScriptState.Baseline => "baseline",
        ScriptState.Adopted => "adopted",
        ScriptState.Schema => "schema",
        ScriptState.Failed => "FAILED",
        ScriptState.Running => "running",
        ScriptState.Interrupted => "INTERRUPTED",
        ScriptState.ChecksumChanged => "CHECKSUM CHANGED",
        _ => "FILE MISSING",
    };
}
