namespace Cutover.Soak;

/// <summary>How big and how rough a soak round is.</summary>
internal sealed record SoakSettings
{
    /// <summary>The <c>cutover</c> command: a program and the arguments before the command's own, e.g.
    /// <c>["dotnet", "/path/Cutover.Cli.dll"]</c>.</summary>
    public required IReadOnlyList<string> Cutover { get; init; }

    /// <summary>Where each round's migration folder is written.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary><c>cutover upgrade --phase all</c> processes started at once per round.</summary>
    public int Deployers { get; init; } = 8;

    /// <summary>Versions the generated folder spreads its scripts over (01.00.00, 01.01.00, ...).</summary>
    public int Versions { get; init; } = 4;

    /// <summary>Rows in the table the indexes are built on: enough that a concurrent build takes a moment.</summary>
    public int BigTableRows { get; init; } = 200_000;

    /// <summary><c>--lock-wait</c> for every <c>cutover</c> run; bounds how long a stuck round can take.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the deployers left alive may take after the kills before they count as hung (and are
    /// killed).</summary>
    public TimeSpan Deadline => LockWait + TimeSpan.FromSeconds(30);
}
