using System.CommandLine;
using System.Text.Json;
using Cutover.Cli.Output;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover install</c>: a fresh database from <c>schema.sql</c> in one transaction.</summary>
internal static class InstallCommand
{
    public static Command Create()
    {
        var options = new MigrationOptions();
        var command = options.AddTo(new Command("install",
            "install a fresh database from schema.sql in one transaction and record every migration as schema"));
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, options.WantsJson(parseResult), async () =>
        {
            await using var session = await options.OpenAsync(parseResult, ct);
            var report = InstallReport.From(await session.Migrator.InstallAsync(ct));
            var output = parseResult.InvocationConfiguration.Output;
            if (options.WantsJson(parseResult))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, CutoverJsonContext.Default.InstallReport));
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
