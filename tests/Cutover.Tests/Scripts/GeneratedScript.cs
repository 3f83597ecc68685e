using System.Collections.Immutable;
using Cutover.Scripts;

namespace Cutover.Tests.Scripts;

/// <summary>A script built from random tokens, with the statements it was built from.</summary>
/// <param name="text">The script.</param>
/// <param name="expected">Each statement the script was built from: its first token to its last one.</param>
internal sealed class GeneratedScript(string text, ImmutableArray<SqlStatement> expected)
{
    public string Text { get; } = text;

    public ImmutableArray<SqlStatement> Expected { get; } = expected;

    // FsCheck prints the failing value: show the script, escaped so line breaks are visible.
    public override string ToString() =>
        $"{Expected.Length} statements in \"{Text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"";
}
