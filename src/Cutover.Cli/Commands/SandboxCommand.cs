using System.CommandLine;
using System.Diagnostics;
using Cutover.Testing;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover sandbox -- CMD</c>: run a command against a throwaway PostgreSQL server that is gone when the
/// command ends. The command finds the database through libpq's <c>PG*</c> variables and
/// <c>CUTOVER_TEST_CONNECTION</c>.</summary>
internal static class SandboxCommand
{
    public static Command Create()
    {
        var database = new Option<string>("--database")
        {
            Description = "the database to create for the command",
            DefaultValueFactory = _ => "app",
        };
        var commandLine = new Argument<string[]>("command")
        {
            Description = "the command to run, after --",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("sandbox",
            "run a command against a throwaway PostgreSQL server (PGHOST, PGPORT, PGUSER, PGDATABASE are set for it)")
        {
            database,
            commandLine,
        };
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, false, async () =>
        {
            await using var server = await ThrowawayServer.StartAsync(cancellationToken: ct);
            var name = await server.CreateDatabaseAsync(parseResult.GetValue(database), cancellationToken: ct);
            var arguments = parseResult.GetValue(commandLine)!;
            var start = new ProcessStartInfo(arguments[0]) { UseShellExecute = false };
            foreach (var argument in arguments.Skip(1))
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var (key, value) in server.EnvironmentFor(name))
            {
                start.Environment[key] = value;
            }

            start.Environment["CUTOVER_TEST_CONNECTION"] = server.ConnectionString(name);
            using var child = Process.Start(start) ?? throw new CliInputException($"{arguments[0]}: could not be started");
            try
            {
                await child.WaitForExitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                child.Kill(entireProcessTree: true);
                throw;
            }

            return child.ExitCode;
        }, ct));
        return command;
    }
}
