using System.CommandLine;
using Cutover.Execution;
using Cutover.Fleet;
using Cutover.Scripts;
using Microsoft.Extensions.Logging;

namespace Cutover.Cli;

/// <summary>The options every <c>cutover fleet</c> command takes, and the one place they become a
/// <see cref="FleetRunner"/>.</summary>
internal sealed class FleetCommandOptions
{
    public Option<string> Fleet { get; } = new("--fleet", "-f")
    {
        Description = "the fleet file (YAML or JSON): the control database and the targets",
        Required = true,
    };

    public Option<string> Directory { get; } = CommonOptions.Directory();
    public Option<string?> Schema { get; } = CommonOptions.Schema();
    public Option<string> Table { get; } = CommonOptions.Table();
    public Option<bool> Json { get; } = CommonOptions.Json();
    public Option<bool> Verbose { get; } = CommonOptions.Verbose();

    public Option<int> Parallel { get; } = new("--parallel")
    {
        Description = "targets worked on at once; each holds at most two connections (script and deploy lock)",
        DefaultValueFactory = _ => 4,
    };

    public Option<TimeSpan> LockTimeout { get; } = CommonOptions.LockTimeout();
    public Option<int> LockRetries { get; } = CommonOptions.LockRetries();
    public Option<TimeSpan> LockWait { get; } = CommonOptions.LockWait();
    public Option<TimeSpan> StatementTimeout { get; } = CommonOptions.StatementTimeout();

    public Command AddTo(Command command)
    {
        foreach (var option in new Option[]
                 {
                     Fleet, Directory, Schema, Table, Json, Verbose, Parallel, LockTimeout, LockRetries, LockWait,
                     StatementTimeout,
                 })
        {
            command.Options.Add(option);
        }

        return command;
    }

    public bool WantsJson(ParseResult parseResult) => parseResult.GetValue(Json);

    /// <summary>Reads the scripts and the fleet file (input errors surface here, before any connection).</summary>
    public async Task<(FleetRunner Runner, ILoggerFactory Logs)> OpenAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var table = ProjectOptions.ParseTable(parseResult.GetValue(Table));
        var parallel = parseResult.GetValue(Parallel);
        if (parallel is < 1 or > 1024)
        {
            throw new CliInputException($"--parallel: {parallel} is out of range (1 to 1024)");
        }

        var scripts = await MigrationSet.LoadAsync(
            new DirectoryScriptSource(parseResult.GetValue(Directory)!, parseResult.GetValue(Schema)), cancellationToken);
        var logs = CliLogging.Create(parseResult, parseResult.GetValue(Verbose));
        var options = new FleetOptions
        {
            Parallel = parallel,
            Environment = Connections.EnvironmentSnapshot.Capture(),
            Migrator = new MigratorOptions
            {
                JournalTable = table,
                LockTimeout = parseResult.GetValue(LockTimeout),
                LockRetries = parseResult.GetValue(LockRetries),
                DeployLockWait = parseResult.GetValue(LockWait),
                StatementTimeout = parseResult.GetValue(StatementTimeout),
            },
        };
        var runner = await FleetRunner.OpenAsync(parseResult.GetValue(Fleet)!, scripts, options, logs,
            cancellationToken: cancellationToken);
        return (runner, logs);
    }
}
