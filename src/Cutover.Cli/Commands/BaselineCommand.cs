using System.CommandLine;
using System.Text.Json;
using Cutover.Cli.Output;
using Cutover.Scripts;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover baseline VERSION</c>: record migrations up to a version without running them.</summary>
internal static class BaselineCommand
{
    public static Command Create()
    {
        var options = new MigrationOptions();
        var version = new Argument<string?>("version")
        {
            Description = "record every migration up to this version, e.g. 03.02.00",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var pumBaseline = new Option<string?>("--baseline")
        {
            Description = "Pum's form: record every migration of an earlier version (Pum runs the baseline's own deltas)",
        };
        var command = options.AddTo(new Command("baseline", "record every migration up to VERSION as baseline, without running it"));
        command.Arguments.Add(version);
        command.Options.Add(pumBaseline);
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, options.WantsJson(parseResult), async () =>
        {
            var text = parseResult.GetValue(version);
            var before = parseResult.GetValue(pumBaseline);
            if ((text is null) == (before is null))
            {
                throw new CliInputException("baseline: give either VERSION (up to and including it) or --baseline VERSION " +
                    "(Pum's form: everything before it)");
            }

            if (!ScriptVersion.TryParse(text ?? before, out var parsed))
            {
                throw new CliInputException($"'{text ?? before}' is not a version: expected e.g. 03.02.00");
            }

            await using var session = await options.OpenAsync(parseResult, ct);
            var result = before is null
                ? await session.Migrator.BaselineAsync(parsed, ct)
                : await session.Migrator.BaselineBeforeAsync(parsed, ct);
            var output = parseResult.InvocationConfiguration.Output;
            if (options.WantsJson(parseResult))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(result, CutoverJsonContext.Default.BaselineResult));
            }
            else
            {
                await output.WriteLineAsync($"Recorded {result.Recorded.Length} migration(s) {(before is null ? "up to" : "before")} {result.Version} as baseline.");
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
