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
                // One write instead of one per line: the console flushes every line, and a status of 500 scripts
                // made 500 system calls.
                using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                report.WriteText(text);
                await output.WriteAsync(text.ToString());
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
