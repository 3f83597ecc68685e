using System.CommandLine;
using Cutover.Cli.Output;
using Cutover.Execution;
using Cutover.Journal;
using Cutover.Scripts;
using Microsoft.Extensions.Logging;

namespace Cutover.Cli;

/// <summary>The options every migration command takes, and the one place they turn into library objects (as
/// Evolve's EvolveFactory does), so each command handler stays a few lines.</summary>
internal sealed class MigrationOptions
{
    public Option<string?> Connection { get; } = CommonOptions.Connection();
    public Option<string?> Service { get; } = CommonOptions.Service();
    public Option<string> Directory { get; } = CommonOptions.Directory();
    public Option<string?> Schema { get; } = CommonOptions.Schema();
    public Option<string> Table { get; } = CommonOptions.Table();
    public Option<bool> Json { get; } = CommonOptions.Json();
    public Option<bool> Verbose { get; } = CommonOptions.Verbose();
    public Option<TimeSpan> LockTimeout { get; } = CommonOptions.LockTimeout();
    public Option<int> LockRetries { get; } = CommonOptions.LockRetries();
    public Option<TimeSpan> LockWait { get; } = CommonOptions.LockWait();

    public Command AddTo(Command command)
    {
        foreach (var option in new Option[] { Connection, Service, Directory, Schema, Table, Json, Verbose, LockTimeout, LockRetries, LockWait })
        {
            command.Options.Add(option);
        }

        return command;
    }

    public bool WantsJson(ParseResult parseResult) => parseResult.GetValue(Json);

    /// <summary>Reads the scripts (input errors surface here, before any connection), then connects.</summary>
    public async Task<MigrationSession> OpenAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var tableText = parseResult.GetValue(Table)!;
        if (!JournalTableName.TryParse(tableText, out var table))
        {
            throw new CliInputException($"--table: '{tableText}' is not a table name: expected schema.table");
        }

        var source = new DirectoryScriptSource(parseResult.GetValue(Directory)!, parseResult.GetValue(Schema));
        var scripts = await MigrationSet.LoadAsync(source, cancellationToken);

        var error = parseResult.InvocationConfiguration.Error;
        var loggerFactory = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Trace)
            .AddProvider(new TextWriterLoggerProvider(error, parseResult.GetValue(Verbose) ? LogLevel.Information : LogLevel.Warning)));
        var dataSource = await ConnectionFactory.CreateAsync(
            parseResult.GetValue(Connection), parseResult.GetValue(Service), loggerFactory, cancellationToken);
        var options = new MigratorOptions
        {
            JournalTable = table,
            LockTimeout = parseResult.GetValue(LockTimeout),
            LockRetries = parseResult.GetValue(LockRetries),
            DeployLockWait = parseResult.GetValue(LockWait),
        };
        var migrator = new Migrator(dataSource, scripts, options, loggerFactory.CreateLogger<Migrator>());
        return new MigrationSession(migrator, dataSource, loggerFactory);
    }
}
