using System.CommandLine;
using Cutover.Execution;
using Microsoft.Extensions.Logging;

namespace Cutover.Cli;

/// <summary>The options of the migration commands: the project and database, and how long to wait for locks.</summary>
internal sealed class MigrationOptions : ProjectOptions
{
    public Option<TimeSpan> LockTimeout { get; } = CommonOptions.LockTimeout();
    public Option<int> LockRetries { get; } = CommonOptions.LockRetries();
    public Option<TimeSpan> LockWait { get; } = CommonOptions.LockWait();
    public Option<TimeSpan> StatementTimeout { get; } = CommonOptions.StatementTimeout();

    /// <summary>Reads the scripts (input errors surface here, before any connection), then connects.</summary>
    public async Task<MigrationSession> OpenAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var table = ReadTable(parseResult);
        return await OpenAsync(parseResult, table, await LoadScriptsAsync(parseResult, cancellationToken), cancellationToken);
    }

    /// <summary>Connects, for scripts already read.</summary>
    public async Task<MigrationSession> OpenAsync(
        ParseResult parseResult, Journal.JournalTableName table, Scripts.MigrationSet scripts, CancellationToken cancellationToken)
    {
        var loggerFactory = CreateLoggerFactory(parseResult);
        var dataSource = await CreateDataSourceAsync(parseResult, loggerFactory, cancellationToken);
        var options = new MigratorOptions
        {
            JournalTable = table,
            LockTimeout = parseResult.GetValue(LockTimeout),
            LockRetries = parseResult.GetValue(LockRetries),
            DeployLockWait = parseResult.GetValue(LockWait),
            StatementTimeout = parseResult.GetValue(StatementTimeout),
        };
        var migrator = new Migrator(dataSource, scripts, options, loggerFactory.CreateLogger<Migrator>());
        return new MigrationSession(migrator, dataSource, loggerFactory);
    }

    protected override IEnumerable<Option> MoreOptions() => [LockTimeout, LockRetries, LockWait, StatementTimeout];
}
