using System.CommandLine;
using Cutover.Cli.Output;
using Cutover.Journal;
using Cutover.Scripts;
using Cutover.Snapshots;
using Microsoft.Extensions.Logging;

namespace Cutover.Cli;

/// <summary>The options of the snapshot commands (<c>ci prepare|prune|key</c>, <c>compat</c>) and the one place they
/// turn into library objects. <c>--connection</c> names the maintenance database (e.g. <c>postgres</c>).</summary>
internal sealed class SnapshotCommandOptions
{
    public Option<string?> Connection { get; } = CommonOptions.Connection();
    public Option<string?> Service { get; } = CommonOptions.Service();
    public Option<string> Directory { get; } = CommonOptions.Directory();
    public Option<string?> Schema { get; } = CommonOptions.Schema();
    public Option<string> Table { get; } = CommonOptions.Table();
    public Option<bool> Json { get; } = CommonOptions.Json();
    public Option<bool> Verbose { get; } = CommonOptions.Verbose();

    public Option<string?> Store { get; } = new("--store")
    {
        Description = "a folder keeping a pg_dump -Fc of each snapshot, restored on a miss (CI runners with a new server each job)",
    };

    public Option<string> Build { get; } = new("--build")
    {
        Description = "how to build a missing snapshot: replay (every migration) or install (schema.sql; stage all only)",
        DefaultValueFactory = _ => "replay",
    };

    public Command AddTo(Command command, bool withStore = true)
    {
        foreach (var option in new Option[] { Connection, Service, Directory, Schema, Table, Json, Verbose })
        {
            command.Options.Add(option);
        }

        if (withStore)
        {
            command.Options.Add(Store);
            command.Options.Add(Build);
        }

        return command;
    }

    public bool WantsJson(ParseResult parseResult) => parseResult.GetValue(Json);

    public bool HasConnection(ParseResult parseResult) =>
        parseResult.GetValue(Connection) is not null || parseResult.GetValue(Service) is not null;

    public SnapshotBuild ReadBuild(ParseResult parseResult) => parseResult.GetValue(Build) switch
    {
        "replay" => SnapshotBuild.Replay,
        "install" => SnapshotBuild.Install,
        var other => throw new CliInputException($"--build: '{other}' is not a build method: expected replay or install"),
    };

    public Task<MigrationSet> LoadScriptsAsync(ParseResult parseResult, CancellationToken cancellationToken) =>
        MigrationSet.LoadAsync(new DirectoryScriptSource(parseResult.GetValue(Directory)!, parseResult.GetValue(Schema)),
            cancellationToken);

    public JournalTableName ReadTable(ParseResult parseResult)
    {
        var tableText = parseResult.GetValue(Table)!;
        return JournalTableName.TryParse(tableText, out var table)
            ? table
            : throw new CliInputException($"--table: '{tableText}' is not a table name: expected schema.table");
    }

    /// <summary>Connects to the maintenance database and builds the cache over it.</summary>
    public async Task<SnapshotSession> OpenAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var loggerFactory = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Trace)
            // Npgsql logs every command at Information; --verbose is about snapshots and scripts.
            .AddFilter("Npgsql", LogLevel.Warning)
            .AddProvider(new TextWriterLoggerProvider(parseResult.InvocationConfiguration.Error,
                parseResult.GetValue(Verbose) ? LogLevel.Information : LogLevel.Warning)));
        var dataSource = await ConnectionFactory.CreateAsync(
            parseResult.GetValue(Connection), parseResult.GetValue(Service), loggerFactory, cancellationToken);
        var options = new SnapshotOptions
        {
            StoreDirectory = parseResult.GetValue(Store),
        };
        var cache = new TemplateDatabaseCache(dataSource, options, loggerFactory.CreateLogger<TemplateDatabaseCache>(),
            loggerFactory: loggerFactory);
        return new SnapshotSession(cache, dataSource, loggerFactory);
    }
}
