using System.CommandLine;
using System.Text.Json;
using Cutover.Cli.Output;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover status</c> (alias <c>info</c>): every migration with its phase and state, what each phase would
/// apply next, and drift.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var options = new MigrationOptions();
        var command = options.AddTo(new Command("status", "show every migration, what each phase would apply next, and drift"));
        command.Aliases.Add("info");
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, options.WantsJson(parseResult), async () =>
        {
            await using var session = await options.OpenAsync(parseResult, ct);
            var report = StatusReport.From(await session.Migrator.GetStatusAsync(ct));
            var output = parseResult.InvocationConfiguration.Output;
            if (options.WantsJson(parseResult))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, CutoverJsonContext.Default.StatusReport));
            }
            else
            {
                report.WriteText(output);
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
