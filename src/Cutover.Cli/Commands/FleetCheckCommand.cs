using System.CommandLine;
using System.Text.Json;
using Cutover.Cli.Output;
using Cutover.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover fleet check --fleet FILE</c>: drift per target, as <c>check --against</c>.</summary>
internal static class FleetCheckCommand
{
    public static Command Create()
    {
        var options = new FleetCommandOptions();
        var comparison = new ComparisonOptions();
        var scratch = new Option<string?>("--scratch")
        {
            Description = "a server to build scratch databases on (default: a throwaway server of its own)",
        };
        var command = options.AddTo(new Command("check",
            "compare every target with what its journal says it should be (drift); one drifted target does not stop the others"));
        command.Options.Add(scratch);
        comparison.AddTo(command);
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, options.WantsJson(parseResult), async () =>
        {
            var checkOptions = comparison.Read(parseResult, ProjectOptions.ParseTable(parseResult.GetValue(options.Table)));
            var (runner, logs) = await options.OpenAsync(parseResult, ct);
            using var _ = logs;
            await using var __ = runner;
            await using var throwaway = parseResult.GetValue(scratch) is null ? await ThrowawayServer.StartAsync(cancellationToken: ct) : null;
            var server = throwaway?.DatabaseServer
                ?? await ConnectionFactory.CreateServerAsync(parseResult.GetValue(scratch), null, NullLoggerFactory.Instance, ct);
            var report = FleetCheckReport.From(await runner.CheckAsync(server, checkOptions, ct));
            var output = parseResult.InvocationConfiguration.Output;
            if (options.WantsJson(parseResult))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, CutoverJsonContext.Default.FleetCheckReport));
            }
            else
            {
                report.WriteText(output);
            }

            return report.Clean ? ExitCodes.Success : ExitCodes.Failed;
        }, ct));
        return command;
    }
}
