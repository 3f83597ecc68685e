using System.CommandLine;
using Cutover.Planning;
using Cutover.Scripts;

namespace Cutover.Cli.Commands;

/// <summary>The options that choose what an upgrade applies: <c>--phase</c>, <c>--to</c>,
/// <c>--allow-out-of-order</c>; shared by <c>upgrade</c> and <c>script</c>.</summary>
internal sealed class PhaseOptions
{
    public Option<PhaseSelection> Phase { get; } = new("--phase", "-p")
    {
        Description = "pre: expand, while the old code serves; post: contract, once only the new code runs; all: both",
        Required = true,
    };

    public Option<string?> To { get; } = new("--to")
    {
        Description = "never apply a migration of a later version than this",
    };

    public Option<bool> AllowOutOfOrder { get; } = new("--allow-out-of-order")
    {
        Description = "apply pending migrations that sort before an applied one instead of refusing",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Phase);
        command.Options.Add(To);
        command.Options.Add(AllowOutOfOrder);
    }

    public PlanRequest Read(ParseResult parseResult)
    {
        ScriptVersion? to = null;
        if (parseResult.GetValue(To) is { } text)
        {
            to = ScriptVersion.TryParse(text, out var version)
                ? version
                : throw new CliInputException($"--to: '{text}' is not a version: expected e.g. 03.02.00");
        }

        return new PlanRequest(parseResult.GetValue(Phase), to, parseResult.GetValue(AllowOutOfOrder));
    }
}
