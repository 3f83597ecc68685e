using System.CommandLine;
using System.CommandLine.Help;
using Cutover.Cli.Commands;

namespace Cutover.Cli;

/// <summary>The <c>cutover</c> command tree, and one entry point that tests call in-process.</summary>
internal static class CutoverCommandLine
{
    /// <summary>The name help and error messages give the program, whatever its file is called.</summary>
    public const string Name = "cutover";

    public static Command Build() => Build(PostDeployAssemblies.IsSupported);

    /// <param name="loadsAssemblies">Whether <c>deploy</c> may load application assemblies: false in the native
    /// binary.</param>
    public static Command Build(bool loadsAssemblies)
    {
        // Not a RootCommand: System.CommandLine 2.0 names that after the running file (Cutover.Cli under
        // `dotnet Cutover.Cli.dll`, the assembly being Cutover.Cli so as not to shadow Cutover.dll) and cannot be told
        // otherwise (RootCommand.HelpName comes with 3.0, dotnet/command-line-api#2765). A Command named cutover with
        // RootCommand's help and version options parses and prints the same, minus directives ([suggest], the
        // dotnet-suggest completion hook), which only a RootCommand takes.
        var root = new Command(Name, "Cutover: zero-downtime PostgreSQL migrations in pre and post phases")
        {
            new HelpOption(),
            new VersionOption(),
            StatusCommand.Create(),
            UpgradeCommand.Create(),
            InstallCommand.Create(),
            BaselineCommand.Create(),
            AdoptCommand.Create(),
            ValidateCommand.Create(),
            ScriptCommand.Create(),
            RepairCommand.Create(),
            DeployCommand.Create(loadsAssemblies),
            CheckCommand.Create(),
            DiffCommand.Create(),
            SandboxCommand.Create(),
            CiCommand.Create(),
            CompatCommand.Create(),
            LintCommand.Create(),
            FleetCommand.Create(),
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
