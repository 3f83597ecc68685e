using System.CommandLine;
using Cutover.Planning;
using Cutover.Scripts;

namespace Cutover.Cli.Commands;

/// <summary>The options that choose what an upgrade applies: <c>--phase</c>, <c>--to</c>,
/// <c>--allow-out-of-order</c>; shared by <c>upgrade</c> and <c>script</c>.</summary>
internal sealed class PhaseOptions
{
    // Not Required: a missing phase gets a message that says what each choice means (a Pum user typing the seed's
    // `upgrade --pg_service ... --table ... --dir ...` learns that `all` is what Pum did), not the parser's one-liner.
    public Option<PhaseSelection?> Phase { get; } = new("--phase", "-p")
    {
        Description = "required: pre: expand, while the old code serves; post: contract, once only the new code runs; all: both",
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

        var phase = parseResult.GetValue(Phase) ?? throw new CliInputException(
            "--phase is required: pre (expand, while the old code still serves), post (contract, once only the new " +
            "code runs) or all (both at once, as tools without phases such as Pum, DbUp or Flyway apply everything)");
        return new PlanRequest(phase, to, parseResult.GetValue(AllowOutOfOrder));
    }
}
