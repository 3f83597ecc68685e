using Cutover.Snapshots;

namespace Cutover.Cli.Output;

/// <summary>What <c>cutover ci prepare</c> prints: the snapshot and one connection string per clone (no password:
/// give it through PGPASSWORD or a pgpass file).</summary>
internal sealed record CiPrepareReport(
    string Key, string Template, string Stage, SnapshotOrigin Origin, int Scripts, int Applied, long ElapsedMs,
    IReadOnlyList<CloneLine> Clones)
{
    public static CiPrepareReport From(Snapshot snapshot, IReadOnlyList<CloneLine> clones) => new(
        snapshot.Key.Hex, snapshot.TemplateName, snapshot.Stage.ToString(), snapshot.Origin, snapshot.ScriptCount,
        snapshot.Applied, (long)snapshot.Elapsed.TotalMilliseconds, clones);

    /// <summary>Connection strings on stdout, one a line, for <c>mapfile</c>; the summary on stderr.</summary>
    public void WriteText(TextWriter output, TextWriter error)
    {
        error.WriteLine($"Snapshot {Template} ({Stage}, {Scripts} migrations): {Origin.ToString().ToLowerInvariant()}" +
            (Applied > 0 ? $", {Applied} applied" : "") + $" in {ElapsedMs} ms; {Clones.Count} clone(s)");
        foreach (var clone in Clones)
        {
            output.WriteLine(clone.ConnectionString);
        }
    }
}
