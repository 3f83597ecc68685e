using System.CommandLine;
using System.Text.Json;
using Cutover.Cli.Output;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover validate</c>: applied scripts still have their files, unchanged.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var options = new MigrationOptions();
        var command = options.AddTo(new Command("validate",
            "check that every applied migration's file exists with the recorded checksum; exit 1 on drift"));
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, options.WantsJson(parseResult), async () =>
        {
            await using var session = await options.OpenAsync(parseResult, ct);
            var result = await session.Migrator.ValidateAsync(ct);
            var output = parseResult.InvocationConfiguration.Output;
            if (options.WantsJson(parseResult))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(result, CutoverJsonContext.Default.ValidationResult));
            }
            else if (result.IsValid)
            {
                await output.WriteLineAsync($"Valid: {result.RecordedCount} recorded migration(s) match their files.");
            }
            else
            {
                await output.WriteLineAsync($"Drift in {result.Findings.Length} migration(s):");
                foreach (var finding in result.Findings)
                {
                    await output.WriteLineAsync($"  {finding}");
                }
            }

            return result.IsValid ? ExitCodes.Success : ExitCodes.Failed;
        }, ct));
        return command;
    }
}
