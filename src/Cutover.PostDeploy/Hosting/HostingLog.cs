using Microsoft.Extensions.Logging;

namespace Cutover.Hosting;

/// <summary>Every log message of the migrator in the host, source-generated; ids in <see cref="CutoverEventIds"/>.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(CutoverEventIds.StartupMigrationStarting, LogLevel.Information,
        "Applying pending pre-migrations of {Scripts} before the host starts")]
    public static partial void StartupMigrationStarting(ILogger logger, string scripts);

    [LoggerMessage(CutoverEventIds.StartupMigrationFinished, LogLevel.Information,
        "Pre phase done at start-up: applied {Count} script(s) in {ElapsedMs} ms; {Pending} script(s) left pending for the post phase")]
    public static partial void StartupMigrationFinished(ILogger logger, int count, long elapsedMs, int pending);

    [LoggerMessage(CutoverEventIds.StartupMigrationFailed, LogLevel.Critical,
        "Pre phase failed at start-up, so the host does not start. Scripts applied before the failure stay applied; a " +
        "transactional script that failed rolled back whole; a no-transaction one may be left FAILED or INTERRUPTED " +
        "(cutover status, cutover repair). Fix and deploy again: the next start resumes where this one stopped")]
    public static partial void StartupMigrationFailed(ILogger logger, Exception exception);

    [LoggerMessage(CutoverEventIds.StartupMigrationCancelled, LogLevel.Warning,
        "The host stopped while the pre phase ran at start-up: the running script rolled back and the next start " +
        "resumes from it")]
    public static partial void StartupMigrationCancelled(ILogger logger);
}
