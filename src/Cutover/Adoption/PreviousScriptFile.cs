using Cutover.Scripts;

namespace Cutover.Adoption;

/// <summary>A script of the previous tool's folder, named as that tool names it.</summary>
/// <param name="RelativePath">Its path below the folder, with <c>/</c> separators, e.g. <c>up/0001_init.sql</c>.</param>
/// <param name="Location">Where it lives, for messages.</param>
/// <param name="Bytes">The file's bytes, for checksums computed over raw bytes (Pum 0.x).</param>
/// <param name="Text">The file decoded as UTF-8, BOM removed.</param>
internal sealed record PreviousScriptFile(string RelativePath, string Location, byte[] Bytes, string Text)
{
    /// <summary>The bare file name.</summary>
    public string FileName => Path.GetFileName(RelativePath);

    /// <summary>Cutover's checksum of the text: content is the identity that pairs this file with a script of
    /// Cutover's folder, line endings folded.</summary>
    public string CutoverChecksum { get; } = ScriptChecksum.Compute(Text);
}
