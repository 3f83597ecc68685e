using System.CommandLine;
using System.Text.Json;
using Cutover.Cli.Output;
using Cutover.Execution;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover upgrade --phase pre|post|all</c>: apply pending migrations of a phase.</summary>
internal static class UpgradeCommand
{
    public static Command Create()
    {
        var options = new MigrationOptions();
        var phase = new PhaseOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "show what would be applied; apply nothing" };
        var ignoreOtherHistory = new Option<bool>("--ignore-other-history")
        {
            Description = "on a database without a journal, apply every script even though another tool's history is there",
        };
        var command = options.AddTo(new Command("upgrade", "apply pending migrations of a phase"));
        phase.AddTo(command);
        command.Options.Add(dryRun);
        command.Options.Add(ignoreOtherHistory);
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, options.WantsJson(parseResult), async () =>
        {
            var json = options.WantsJson(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            var request = phase.Read(parseResult);
            await using var session = await options.OpenAsync(parseResult, ct);
            var result = await session.Migrator.UpgradeAsync(new UpgradeOptions
            {
                Plan = request,
                DryRun = parseResult.GetValue(dryRun),
                IgnoreOtherHistory = parseResult.GetValue(ignoreOtherHistory),
                Progress = json ? null : new ProgressLines(output),
            }, ct);
            var report = UpgradeReport.From(result);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, CutoverJsonContext.Default.UpgradeReport));
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
