using System.CommandLine;
using System.Text.Json;
using Cutover.Cli.Output;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover fleet status --fleet FILE</c>: how many targets are at which version and phase, and which
/// are behind, failed or drifted.</summary>
internal static class FleetStatusCommand
{
    public static Command Create()
    {
        var options = new FleetCommandOptions();
        var command = options.AddTo(new Command("status",
            "how many targets are at which version and phase; which are behind, failed or drifted"));
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, options.WantsJson(parseResult), async () =>
        {
            var (runner, logs) = await options.OpenAsync(parseResult, ct);
            using var _ = logs;
            await using var __ = runner;
            var report = FleetStatusReport.From(await runner.GetStatusAsync(ct));
            var output = parseResult.InvocationConfiguration.Output;
            if (options.WantsJson(parseResult))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, CutoverJsonContext.Default.FleetStatusReport));
            }
            else
            {
                using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                report.WriteText(text);
                await output.WriteAsync(text.ToString());
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
