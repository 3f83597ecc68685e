using System.CommandLine;
using Cutover.Cli.Commands;

namespace Cutover.Cli;

/// <summary>The <c>cutover</c> command tree, and one entry point that tests call in-process.</summary>
internal static class CutoverCommandLine
{
    public static RootCommand Build() => Build(PostDeployAssemblies.IsSupported);

    /// <param name="loadsAssemblies">Whether <c>deploy</c> may load application assemblies: false in the native
    /// binary.</param>
    public static RootCommand Build(bool loadsAssemblies)
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
            DeployCommand.Create(loadsAssemblies),
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

            // Signals are handled below, so that the exit code can tell SIGTERM from SIGINT.
            ProcessTerminationTimeout = null,
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

        using var signals = new TerminationSignals(cancellationToken);
        var code = await parseResult.InvokeAsync(configuration, signals.Token);
        return code == ExitCodes.Interrupted && signals.ExitCode is { } signalled ? signalled : code;
    }
}
