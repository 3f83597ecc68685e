using System.CommandLine;
using System.Text.Json;
using Cutover.Cli.Output;
using Cutover.Scripts;
using Cutover.Snapshots;
using Microsoft.Extensions.Logging;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover compat --released X --old-tests CMD --new-tests CMD</c>: the blue-green matrix in one command.</summary>
internal static class CompatCommand
{
    public static Command Create()
    {
        var options = new SnapshotCommandOptions();
        var released = new Option<string>("--released")
        {
            Description = "the release in production (a version such as 01.00.00)",
            Required = true,
        };
        var oldTests = new Option<string>("--old-tests")
        {
            Description = "the released code's test command (sh -c); runs against release + pre",
            Required = true,
        };
        var newTests = new Option<string>("--new-tests")
        {
            Description = "the new code's test command (sh -c); runs against release + pre, then against everything",
            Required = true,
        };
        var command = options.AddTo(new Command("compat",
            "run old tests against release + pre, new tests against release + pre and against everything; " +
            "each command finds its database through PG* and CUTOVER_TEST_CONNECTION"));
        command.Options.Add(released);
        command.Options.Add(oldTests);
        command.Options.Add(newTests);
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, options.WantsJson(parseResult), async () =>
        {
            var releasedText = parseResult.GetValue(released)!;
            if (!ScriptVersion.TryParse(releasedText, out var version))
            {
                throw new CliInputException($"--released: '{releasedText}' is not a version");
            }

            var scripts = await options.LoadScriptsAsync(parseResult, ct);
            await using var session = await options.OpenAsync(parseResult, ct);
            var check = new CompatibilityCheck(session.Cache, session.LoggerFactory.CreateLogger<CompatibilityCheck>());
            var result = await check.RunAsync(scripts, new CompatibilityOptions
            {
                Released = version,
                OldTests = parseResult.GetValue(oldTests)!,
                NewTests = parseResult.GetValue(newTests)!,
                JournalTable = options.ReadTable(parseResult),
            }, ct);
            var report = CompatReport.From(result);
            var output = parseResult.InvocationConfiguration.Output;
            if (options.WantsJson(parseResult))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, CutoverJsonContext.Default.CompatReport));
            }
            else
            {
                report.WriteText(output);
            }

            return result.Passed ? ExitCodes.Success : ExitCodes.Failed;
        }, ct));
        return command;
    }
}
