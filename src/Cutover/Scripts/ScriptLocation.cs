namespace Cutover.Scripts;

/// <summary>A place in a script as editors count it.</summary>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column, in UTF-16 characters from the start of the line (a tab counts one).</param>
internal readonly record struct ScriptLocation(int Line, int Column)
{
    /// <summary>Formats as <c>line:column</c>, to follow a file name in a compiler-style message.</summary>
    public override string ToString() => $"{Line}:{Column}";
}
