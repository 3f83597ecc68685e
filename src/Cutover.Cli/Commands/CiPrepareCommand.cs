using System.CommandLine;
using System.Text.Json;
using Cutover.Cli.Output;
using Cutover.Snapshots;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover ci prepare</c>: make sure the snapshot exists (building it once), make N clones and print their
/// connection strings.</summary>
internal static class CiPrepareCommand
{
    public static Command Create()
    {
        var options = new SnapshotCommandOptions();
        var stage = new StageOptions();
        var clones = new Option<int>("--clones") { Description = "how many databases to clone", DefaultValueFactory = _ => 1 };
        var command = options.AddTo(new Command("prepare",
            "make sure the snapshot exists, clone it N times and print one connection string per clone (no password)"));
        stage.AddTo(command);
        command.Options.Add(clones);
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, options.WantsJson(parseResult), async () =>
        {
            var count = parseResult.GetValue(clones);
            if (count < 0)
            {
                throw new CliInputException("--clones: must be 0 or more");
            }

            var request = new SnapshotRequest
            {
                Stage = stage.Read(parseResult),
                Build = options.ReadBuild(parseResult),
                JournalTable = options.ReadTable(parseResult),
            };
            if (request.Build == SnapshotBuild.Install && request.Stage != SnapshotStage.Everything)
            {
                throw new CliInputException("--build install: builds only --stage all, because schema.sql describes the head");
            }

            var scripts = await options.LoadScriptsAsync(parseResult, ct);
            await using var session = await options.OpenAsync(parseResult, ct);
            var snapshot = await session.Cache.EnsureAsync(scripts, request, ct);
            var names = await session.Cache.CloneAsync(snapshot, count, ct);
            var report = CiPrepareReport.From(snapshot,
                [.. names.Select(n => new CloneLine(n, session.Cache.ConnectionStringFor(n)))]);
            var output = parseResult.InvocationConfiguration.Output;
            if (options.WantsJson(parseResult))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, CutoverJsonContext.Default.CiPrepareReport));
            }
            else
            {
                report.WriteText(output, parseResult.InvocationConfiguration.Error);
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
