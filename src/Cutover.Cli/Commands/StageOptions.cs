using System.CommandLine;
using Cutover.Scripts;
using Cutover.Snapshots;

namespace Cutover.Cli.Commands;

/// <summary><c>--stage all|pre</c> with <c>--released X</c>: which blue-green stage a snapshot holds.</summary>
internal sealed class StageOptions
{
    public Option<string> Stage { get; } = new("--stage")
    {
        Description = "all: every migration; pre: release --released plus the pre-migrations after it (up to the next post-migration)",
        DefaultValueFactory = _ => "all",
    };

    public Option<string?> Released { get; } = new("--released")
    {
        Description = "the release in production (a version such as 01.02.00), for --stage pre",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Stage);
        command.Options.Add(Released);
    }

    public SnapshotStage Read(ParseResult parseResult)
    {
        var released = parseResult.GetValue(Released);
        switch (parseResult.GetValue(Stage))
        {
            case "all":
                if (released is not null)
                {
                    throw new CliInputException("--released goes with --stage pre");
                }

                return SnapshotStage.Everything;
            case "pre":
                if (released is null)
                {
                    throw new CliInputException("--stage pre needs --released VERSION (the release in production)");
                }

                return ScriptVersion.TryParse(released, out var version)
                    ? SnapshotStage.PreAfter(version)
                    : throw new CliInputException($"--released: '{released}' is not a version");
            case var other:
                throw new CliInputException($"--stage: '{other}' is not a stage: expected all or pre");
        }
    }
}
