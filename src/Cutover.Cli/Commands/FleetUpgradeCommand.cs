using System.CommandLine;
using Cutover.Cli.Output;
using Cutover.Fleet;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover fleet upgrade --fleet FILE --phase pre|post|all</c>: every target of the fleet, in waves,
/// within a failure budget; rerun to resume, or <c>--join RUN</c> to add a worker.</summary>
internal static class FleetUpgradeCommand
{
    public static Command Create()
    {
        var options = new FleetCommandOptions();
        var phase = new PhaseOptions();
        var waves = new Option<string?>("--waves")
        {
            Description = "cumulative wave sizes, counts or percentages (1,10%,100%): the first is a canary; a wave starts when the one before it passed",
        };
        var maxFailures = new Option<int?>("--max-failures")
        {
            Description = "stop the run once more targets than this failed (default: 0 with --waves, no limit without)",
        };
        var select = new Option<string[]>("--select")
        {
            Description = "only targets with this label (label=value); repeat to require several",
            AllowMultipleArgumentsPerToken = false,
        };
        var shard = new Option<string?>("--shard") { Description = "only shard i of N (i/N, from 1), every N-th target in file order" };
        var join = new Option<string?>("--join") { Description = "add this process as one more worker to the running run RUN" };
        var command = options.AddTo(new Command("upgrade", "upgrade every target of a fleet, in waves, resumable"));
        command.Options.Add(phase.Phase);
        foreach (var option in new Option[] { waves, maxFailures, select, shard, join })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, options.WantsJson(parseResult), async () =>
        {
            var request = new FleetUpgradeOptions
            {
                Phase = phase.Read(parseResult).Phase,
                Waves = parseResult.GetValue(waves) is { } w ? FleetRun.Parse(w, FleetWaves.Parse, "--waves") : FleetWaves.All,
                MaxFailures = FleetRun.NotNegative(parseResult.GetValue(maxFailures), "--max-failures"),
                Select = [.. (parseResult.GetValue(select) ?? []).Select(FleetRun.ParseLabel)],
                Shard = parseResult.GetValue(shard) is { } s ? FleetRun.Parse(s, FleetShard.Parse, "--shard") : null,
                Join = parseResult.GetValue(join),
            };
            return await FleetRun.RunAsync(parseResult, options, request, ct);
        }, ct));
        return command;
    }
}
