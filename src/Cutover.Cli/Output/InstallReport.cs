using Cutover.Execution;

namespace Cutover.Cli.Output;

/// <summary>What <c>cutover install</c> prints.</summary>
internal sealed record InstallReport(string Schema, IReadOnlyList<string> Recorded, long ElapsedMs)
{
    public static InstallReport From(InstallResult result) =>
        new(result.SchemaLocation, result.Recorded, (long)result.Elapsed.TotalMilliseconds);

    public void WriteText(TextWriter output) =>
        output.WriteLine($"Installed {Schema} and recorded {Recorded.Count} migration(s) as schema ({ElapsedMs} ms).");
}
