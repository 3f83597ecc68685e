namespace Cutover.Fleet;

/// <summary>One problem in a fleet file.</summary>
/// <param name="Line">The line, from 1.</param>
/// <param name="Column">The column, from 1.</param>
/// <param name="Key">Where in the file, as a path: <c>targets[2].labels</c>.</param>
/// <param name="Message">What is wrong.</param>
public sealed record FleetFileProblem(int Line, int Column, string Key, string Message)
{
    internal string Format(string file) => $"{file}:{Line}:{Column}: {Key}: {Message}";
}
