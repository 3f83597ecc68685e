using System.CommandLine;
using System.Text.Json;
using Cutover.Cli.Output;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover ci prune --keep N</c>: keep the newest N snapshots on the server, drop the rest.</summary>
internal static class CiPruneCommand
{
    public static Command Create()
    {
        var options = new SnapshotCommandOptions(withStore: false);
        var keep = new Option<int>("--keep") { Description = "how many of the newest snapshots to keep", Required = true };
        var command = options.AddTo(new Command("prune", "keep the newest N snapshots on the server and drop the others"));
        command.Options.Add(keep);
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, options.WantsJson(parseResult), async () =>
        {
            var count = parseResult.GetValue(keep);
            if (count < 0)
            {
                throw new CliInputException("--keep: must be 0 or more");
            }

            await using var session = await options.OpenAsync(parseResult, ct);
            var report = CiPruneReport.From(await session.Cache.PruneAsync(count, ct));
            var output = parseResult.InvocationConfiguration.Output;
            if (options.WantsJson(parseResult))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, CutoverJsonContext.Default.CiPruneReport));
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
