using System.CommandLine;
using Cutover.Cli.Output;
using Cutover.Connections;
using Cutover.Journal;
using Cutover.Scripts;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.Cli;

/// <summary>The options that name a project and its database, shared by the migration and the snapshot commands, and
/// the one place they turn into library objects (as Evolve's EvolveFactory does).</summary>
/// <remarks>A base class on purpose: each family of commands adds its own options beside these.</remarks>
internal abstract class ProjectOptions
{
    public Option<string?> Connection { get; } = CommonOptions.Connection();
    public Option<string?> Service { get; } = CommonOptions.Service();
    public Option<string> Directory { get; } = CommonOptions.Directory();
    public Option<string?> Schema { get; } = CommonOptions.Schema();
    public Option<string> Table { get; } = CommonOptions.Table();
    public Option<bool> Json { get; } = CommonOptions.Json();
    public Option<bool> Verbose { get; } = CommonOptions.Verbose();

    public Command AddTo(Command command)
    {
        foreach (var option in new Option[] { Connection, Service, Directory, Schema, Table, Json, Verbose }.Concat(MoreOptions()))
        {
            command.Options.Add(option);
        }

        return command;
    }

    public bool WantsJson(ParseResult parseResult) => parseResult.GetValue(Json);

    public bool HasConnection(ParseResult parseResult) =>
        parseResult.GetValue(Connection) is not null || parseResult.GetValue(Service) is not null;

    /// <summary>Reads the scripts; input errors surface here, before any connection.</summary>
    public Task<MigrationSet> LoadScriptsAsync(ParseResult parseResult, CancellationToken cancellationToken) =>
        MigrationSet.LoadAsync(new DirectoryScriptSource(parseResult.GetValue(Directory)!, parseResult.GetValue(Schema)),
            cancellationToken);

    public JournalTableName ReadTable(ParseResult parseResult) => ParseTable(parseResult.GetValue(Table));

    /// <summary>Reads a <c>--table</c> value, the same way for every command that takes one.</summary>
    public static JournalTableName ParseTable(string? text) =>
        JournalTableName.TryParse(text, out var table)
            ? table
            : throw new CliInputException($"--table: '{text}' is not a plain table name: {JournalTableName.PlainNameRule}");

    public ILoggerFactory CreateLoggerFactory(ParseResult parseResult) =>
        CliLogging.Create(parseResult, parseResult.GetValue(Verbose));

    public Task<NpgsqlDataSource> CreateDataSourceAsync(
        ParseResult parseResult, ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        ConnectionFactory.CreateAsync(parseResult.GetValue(Connection), parseResult.GetValue(Service), loggerFactory,
            cancellationToken);

    /// <summary>The options a family of commands adds to these.</summary>
    protected abstract IEnumerable<Option> MoreOptions();
}
