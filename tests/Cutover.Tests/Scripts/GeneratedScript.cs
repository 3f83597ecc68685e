using System.Collections.Immutable;
using Cutover.Scripts;

namespace Cutover.Tests.Scripts;

/// <summary>A script built from random tokens, with the statements it was built from.</summary>
/// <param name="Text">The script.</param>
/// <param name="Expected">Each statement the script was built from: its first token to its last one.</param>
internal sealed record GeneratedScript(string Text, ImmutableArray<SqlStatement> Expected)
{
    // FsCheck prints the failing value: show the script, escaped so line breaks are visible.
    public override string ToString() =>
        $"{Expected.Length} statements in \"{Text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"";
}
