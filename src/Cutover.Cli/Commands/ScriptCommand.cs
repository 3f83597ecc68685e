using System.CommandLine;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover script --phase ...</c>: print the SQL an upgrade would run, for DBAs who apply by hand.</summary>
internal static class ScriptCommand
{
    public static Command Create()
    {
        var options = new MigrationOptions();
        var phase = new PhaseOptions();
        var command = options.AddTo(new Command("script",
            "print the SQL that 'upgrade' would run, journal inserts included, for applying with psql"));
        phase.AddTo(command);
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, false, async () =>
        {
            await using var session = await options.OpenAsync(parseResult, ct);
            var sql = await session.Migrator.ScriptAsync(phase.Read(parseResult), ct);
            await parseResult.InvocationConfiguration.Output.WriteAsync(sql);
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
