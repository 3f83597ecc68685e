using System.Collections.Immutable;

namespace Cutover.Snapshots;

/// <summary>What a template holds, kept as a JSON comment on the template database so that prefix matching reads
/// <c>pg_database</c> alone and never connects into a template.</summary>
/// <param name="Format">The manifest format, 1.</param>
/// <param name="Key">The full key.</param>
/// <param name="Stage">The stage, as text.</param>
/// <param name="Build">How it was built.</param>
/// <param name="Server">The server facts it was built under.</param>
/// <param name="Created">When it was built.</param>
/// <param name="Journal">The journal table, <c>schema.table</c>.</param>
/// <param name="Scripts">Each migration it holds, in order, as <c>name@checksum</c> (checksum's first 16 digits).</param>
internal sealed record SnapshotManifest(
    int Format, string Key, string Stage, SnapshotBuild Build, string Server, DateTimeOffset Created,
    string Journal, ImmutableArray<string> Scripts)
{
    public static string Entry(Scripts.MigrationScript script) => script.Name.Name + "@" + script.Checksum[..16];
}
