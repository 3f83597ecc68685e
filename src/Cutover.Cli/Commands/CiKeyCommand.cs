using System.CommandLine;
using System.Text.Json;
using Cutover.Cli.Output;
using Cutover.Snapshots;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover ci key</c>: print the snapshot key, for CI cache keys. Without <c>--connection</c> it hashes the
/// files and the stage only (no server is needed, and none may run yet when a CI cache is restored); with it, the
/// server's major version and extensions too, as <c>prepare</c> does.</summary>
internal static class CiKeyCommand
{
    public static Command Create()
    {
        var options = new SnapshotCommandOptions();
        var stage = new StageOptions();
        var command = options.AddTo(new Command("key",
            "print the snapshot key (files and stage only, unless --connection or --service adds the server's facts)"));
        stage.AddTo(command);
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, options.WantsJson(parseResult), async () =>
        {
            var request = new SnapshotRequest
            {
                Stage = stage.Read(parseResult),
                Build = options.ReadBuild(parseResult),
                JournalTable = options.ReadTable(parseResult),
            };
            var scripts = await options.LoadScriptsAsync(parseResult, ct);
            SnapshotKey key;
            var withServer = options.HasConnection(parseResult);
            if (withServer)
            {
                await using var session = await options.OpenAsync(parseResult, ct);
                key = SnapshotKey.Compute(scripts, request, await session.Cache.GetServerFactsAsync(ct));
            }
            else
            {
                key = SnapshotKey.Compute(scripts, request, null);
            }

            var output = parseResult.InvocationConfiguration.Output;
            if (options.WantsJson(parseResult))
            {
                var report = new CiKeyReport(key.Hex, key.TemplateName, request.Stage.ToString(), withServer);
                await output.WriteLineAsync(JsonSerializer.Serialize(report, CutoverJsonContext.Default.CiKeyReport));
            }
            else
            {
                await output.WriteLineAsync(key.Hex);
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
