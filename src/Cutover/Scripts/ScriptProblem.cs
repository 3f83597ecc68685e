namespace Cutover.Scripts;

/// <summary>One thing wrong with the scripts, located as precisely as known.</summary>
/// <param name="Location">The file (or folder, or resource) at fault.</param>
/// <param name="Line">The 1-based line, when the problem is inside the file.</param>
/// <param name="Column">The 1-based column, when known.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ScriptProblem(string Location, int? Line, int? Column, string Message)
{
    /// <summary>Compiler-style text: <c>path:line:column: message</c>.</summary>
    public override string ToString() =>
        Location + (Line is { } line ? ":" + line + (Column is { } column ? ":" + column : "") : "") + ": " + Message;
}
