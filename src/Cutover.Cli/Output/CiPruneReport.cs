using Cutover.Snapshots;

namespace Cutover.Cli.Output;

/// <summary>What <c>cutover ci prune</c> prints.</summary>
internal sealed record CiPruneReport(IReadOnlyList<string> Kept, IReadOnlyList<string> Dropped)
{
    public static CiPruneReport From(PruneResult result) =>
        new([.. result.Kept], [.. result.Dropped]);

    public void WriteText(TextWriter output)
    {
        foreach (var name in Dropped)
        {
            output.WriteLine("dropped " + name);
        }

        output.WriteLine($"Kept {Kept.Count} snapshot(s), dropped {Dropped.Count}.");
    }
}
