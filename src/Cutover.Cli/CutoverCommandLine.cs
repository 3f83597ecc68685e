using System.CommandLine;
using System.Runtime.InteropServices;
using Cutover.Cli.Commands;

namespace Cutover.Cli;

/// <summary>The <c>cutover</c> command tree, and one entry point that tests call in-process.</summary>
internal static class CutoverCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Cutover: zero-downtime PostgreSQL migrations in pre and post phases")
        {
            StatusCommand.Create(),
            UpgradeCommand.Create(),
            InstallCommand.Create(),
            BaselineCommand.Create(),
            ValidateCommand.Create(),
            ScriptCommand.Create(),
            RepairCommand.Create(),
            DeployCommand.Create(),
            CheckCommand.Create(),
            DiffCommand.Create(),
            SandboxCommand.Create(),
            CiCommand.Create(),
            CompatCommand.Create(),
        };
        return root;
    }

    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parseResult = Build().Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,

            // A cancelled statement needs a moment to roll back before the process may be forced down.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(10),
        };
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync("cutover: " + parseError.Message);
            }

            await error.WriteLineAsync("Run 'cutover --help' for usage.");
            return ExitCodes.InputError;
        }

        // System.CommandLine cancels the action's token on SIGINT and SIGTERM alike; the exit code tells them apart.
        var terminated = new TerminationSignal();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => terminated.Receive());
        var code = await parseResult.InvokeAsync(configuration, cancellationToken);
        return code == ExitCodes.Interrupted && terminated.Received ? ExitCodes.Terminated : code;
    }
}
