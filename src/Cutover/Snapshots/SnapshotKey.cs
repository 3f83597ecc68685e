using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cutover.Scripts;

namespace Cutover.Snapshots;

/// <summary>The identity of a snapshot: a SHA-256 over the ordered names and checksums of the migrations the stage
/// holds, the <c>schema.sql</c> checksum, the stage, the build method, the journal table and, when known, the server
/// facts.</summary>
/// <remarks>A key computed without <see cref="ServerFacts"/> (<c>cutover ci key</c> without <c>--connection</c>)
/// hashes only the files and the stage; it differs from the key of the same snapshot on a server, and suits CI cache
/// keys, which must be known before any server runs.</remarks>
/// <param name="Hex">The full lower-case hex digest.</param>
public readonly record struct SnapshotKey(string Hex)
{
    /// <summary>The first 16 hex digits, enough to tell snapshots apart and short enough for database names.</summary>
    public string Short => (Hex ?? "").Length >= 16 ? Hex![..16] : Hex ?? "";

    /// <summary>The template database that holds this snapshot: <c>cutover_tpl_</c> and <see cref="Short"/>.</summary>
    public string TemplateName => TemplatePrefix + Short;

    internal const string TemplatePrefix = "cutover_tpl_";

    /// <summary>Computes the key of <paramref name="request"/> over <paramref name="scripts"/>.</summary>
    /// <param name="scripts">The migration set.</param>
    /// <param name="request">The stage and build method.</param>
    /// <param name="server">The server facts; null hashes the files and the stage only.</param>
    public static SnapshotKey Compute(MigrationSet scripts, SnapshotRequest request, ServerFacts? server)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(request);
        var text = new StringBuilder("cutover-snapshot/1\n");
        text.Append("stage ").Append(StageText(request.Stage)).Append('\n');
        text.Append("build ").Append(request.Build.ToString()).Append('\n');
        text.Append("journal ").Append(request.JournalTable.Schema).Append('.').Append(request.JournalTable.Table).Append('\n');
        text.Append("schema ").Append(scripts.Schema?.Checksum ?? "none").Append('\n');
        var count = request.Stage.CountIn(scripts);
        for (var i = 0; i < count; i++)
        {
            var script = scripts.Scripts[i];
            text.Append("script ").Append(script.Name.Name).Append(' ').Append(script.Checksum).Append('\n');
        }

        text.Append("server ").Append(server is { } facts
            ? facts.MajorVersion.ToString(CultureInfo.InvariantCulture) + " " + facts.Extensions
            : "any").Append('\n');
        return new SnapshotKey(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))));
    }

    /// <summary>The full hex digest.</summary>
    public override string ToString() => Hex ?? "";

    // Equal versions (1.0 and 01.00.00) must give equal keys, so the stage is hashed by its numeric components,
    // trailing zeros dropped.
    private static string StageText(SnapshotStage stage)
    {
        if (stage.Released is not { } released)
        {
            return "all";
        }

        var components = released.Components.ToList();
        while (components.Count > 1 && components[^1] == 0)
        {
            components.RemoveAt(components.Count - 1);
        }

        return "pre-after " + string.Join('.', components);
    }
}
