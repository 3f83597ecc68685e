using System.CommandLine;
using System.Text.Json;
using Cutover.Cli.Output;
using Cutover.Execution;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover repair</c>: clear failed no-transaction entries; accept changed checksums when asked.</summary>
internal static class RepairCommand
{
    public static Command Create()
    {
        var options = new MigrationOptions();
        var acceptChecksums = new Option<bool>("--accept-checksums")
        {
            Description = "record the current checksum of migrations whose files changed since they were applied",
        };
        var command = options.AddTo(new Command("repair",
            "after fixing the database by hand: clear failed or interrupted no-transaction entries so they run again"));
        command.Options.Add(acceptChecksums);
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, options.WantsJson(parseResult), async () =>
        {
            await using var session = await options.OpenAsync(parseResult, ct);
            var result = await session.Migrator.RepairAsync(
                new RepairOptions { AcceptChecksums = parseResult.GetValue(acceptChecksums) }, ct);
            var output = parseResult.InvocationConfiguration.Output;
            if (options.WantsJson(parseResult))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(result, CutoverJsonContext.Default.RepairResult));
                return ExitCodes.Success;
            }

            if (result.NothingToRepair)
            {
                await output.WriteLineAsync("Nothing to repair.");
            }

            foreach (var index in result.DroppedIndexes)
            {
                await output.WriteLineAsync($"Dropped INVALID index {index}: the rerun builds it again.");
            }

            foreach (var name in result.Cleared)
            {
                await output.WriteLineAsync($"Cleared {name}: it runs again on the next upgrade.");
            }

            foreach (var name in result.AcceptedChecksums)
            {
                await output.WriteLineAsync($"Accepted the current checksum of {name}.");
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
