using System.CommandLine;
using Cutover.Cli.Output;
using Cutover.Safety;
using Cutover.Scripts;
using Cutover.Testing;
using Microsoft.Extensions.Logging;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover lint [FILE...]</c>: what each script would break in its phase, or block in production, watched
/// on a scratch database.</summary>
internal static class LintCommand
{
    public static Command Create()
    {
        var options = new LintCommandOptions();
        var command = options.AddTo(new Command("lint",
            "run each script on a scratch database and report what would break the old code in its phase or block " +
            "production traffic; exit 1 on an error"));
        command.Arguments.Add(options.Files);
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, options.WantsJson(parseResult), async () =>
        {
            var format = options.ReadFormat(parseResult);
            var source = new DirectoryScriptSource(parseResult.GetValue(options.Directory)!, parseResult.GetValue(options.Schema));
            using var loggerFactory = options.CreateLoggerFactory(parseResult);
            var only = await options.ReadOnlyAsync(parseResult, source, loggerFactory, ct);

            // Unreadable files, bytes that are not UTF-8 and names of no grammar are input errors before a scratch
            // server is started for them (the library finds them too, but only after the CLI has started one).
            var problems = (await source.ReadMigrationsAsync(ct))
                .Select(f => f.Problem?.ToString() ??
                             (ScriptName.TryParse(f.FileName, out _, out var problem) ? null : f.Location + ": " + problem))
                .OfType<string>()
                .ToList();
            if (problems.Count > 0)
            {
                throw new CliInputException(string.Join(Environment.NewLine, problems));
            }

            await using var throwaway = parseResult.GetValue(options.Scratch) is null ? await ThrowawayServer.StartAsync(cancellationToken: ct) : null;
            var server = throwaway?.DatabaseServer
                ?? await ConnectionFactory.CreateServerAsync(parseResult.GetValue(options.Scratch), null, loggerFactory, ct);
            var linter = new Linter(server, new LintOptions { JournalTable = options.ReadTable(parseResult) },
                loggerFactory.CreateLogger<Linter>(), loggerFactory);
            var result = await linter.LintAsync(source, only, ct);

            await LintCommandOptions.WriteAsync(parseResult, format, result);
            return result.HasErrors ? ExitCodes.Failed : ExitCodes.Success;
        }, ct));
        return command;
    }
}
