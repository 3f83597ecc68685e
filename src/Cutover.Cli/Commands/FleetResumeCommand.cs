using System.CommandLine;
using Cutover.Fleet;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover fleet resume RUN --fleet FILE</c>: finish a run that was stopped or killed.</summary>
internal static class FleetResumeCommand
{
    public static Command Create()
    {
        var options = new FleetCommandOptions();
        var run = new Argument<string>("run") { Description = "the run id that fleet upgrade printed" };
        var command = options.AddTo(new Command("resume",
            "finish a stopped or killed run: done targets stay untouched, failed, skipped and interrupted ones run again"));
        command.Arguments.Add(run);
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, options.WantsJson(parseResult), async () =>
        {
            // The phase, waves and budget are the run's own, read from the ledger.
            var request = new FleetUpgradeOptions { Phase = Planning.PhaseSelection.All, Resume = parseResult.GetValue(run) };
            return await FleetRun.RunAsync(parseResult, options, request, ct);
        }, ct));
        return command;
    }
}
