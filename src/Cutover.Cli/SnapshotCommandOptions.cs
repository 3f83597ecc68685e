using System.CommandLine;
using Cutover.Cli.Output;
using Cutover.Journal;
using Cutover.Scripts;
using Cutover.Snapshots;
using Microsoft.Extensions.Logging;

namespace Cutover.Cli;

/// <summary>The options of the snapshot commands (<c>ci prepare|prune|key</c>, <c>compat</c>) and the one place they
/// turn into library objects. <c>--connection</c> names the maintenance database (e.g. <c>postgres</c>).</summary>
internal sealed class SnapshotCommandOptions(bool withStore = true) : ProjectOptions
{
    public Option<string?> Store { get; } = new("--store")
    {
        Description = "a folder keeping a pg_dump -Fc of each snapshot, restored on a miss (CI runners with a new server each job)",
    };

    public Option<string> Build { get; } = new("--build")
    {
        Description = "how to build a missing snapshot: replay (every migration) or install (schema.sql; stage all only)",
        DefaultValueFactory = _ => "replay",
    };

    public Option<TimeSpan> StatementTimeout { get; } = CommonOptions.StatementTimeout();

    public SnapshotBuild ReadBuild(ParseResult parseResult) => parseResult.GetValue(Build) switch
    {
        "replay" => SnapshotBuild.Replay,
        "install" => SnapshotBuild.Install,
        var other => throw new CliInputException($"--build: '{other}' is not a build method: expected replay or install"),
    };

    /// <summary>Connects to the maintenance database and builds the cache over it.</summary>
    public async Task<SnapshotSession> OpenAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var loggerFactory = CreateLoggerFactory(parseResult);
        var resolved = await ConnectionFactory.ResolveAsync(
            parseResult.GetValue(Connection), parseResult.GetValue(Service), loggerFactory, cancellationToken);
        var server = ConnectionFactory.CreateServer(resolved, loggerFactory);

        // The maintenance connection runs Cutover's own statements only: Cutover's data source, which loads no types
        // on connecting (the server's data sources load them, for the builds and clones application code reads).
        var dataSource = ConnectionFactory.Create(resolved, loggerFactory);
        var options = new SnapshotOptions
        {
            StoreDirectory = parseResult.GetValue(Store),
            Migrator = new Execution.MigratorOptions
            {
                StatementTimeout = parseResult.GetValue(StatementTimeout),
            },
        };

        // Made on the server rather than the data source, so that builds, clones and pg_dump get the password too.
        var cache = new TemplateDatabaseCache(dataSource, server, options,
            loggerFactory.CreateLogger<TemplateDatabaseCache>(), loggerFactory: loggerFactory);
        return new SnapshotSession(cache, dataSource, loggerFactory);
    }

    protected override IEnumerable<Option> MoreOptions() => withStore ? [Store, Build, StatementTimeout] : [];
}
