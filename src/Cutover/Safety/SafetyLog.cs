using Microsoft.Extensions.Logging;

namespace Cutover.Safety;

internal static partial class SafetyLog
{
    [LoggerMessage(EventId = CutoverEventIds.LintScratchReady, Level = LogLevel.Information, Message = "Lint scratch database {Database} holds the {ScriptCount} script(s) before {Script} ({ElapsedMs} ms)")]
    public static partial void ScratchReady(ILogger logger, string database, int scriptCount, string script, long elapsedMs);

    [LoggerMessage(EventId = CutoverEventIds.LintScriptObserved, Level = LogLevel.Debug, Message = "Observed {Script}: {StatementCount} statement(s), {FindingCount} finding(s)")]
    public static partial void ScriptObserved(ILogger logger, string script, int statementCount, int findingCount);

    [LoggerMessage(EventId = CutoverEventIds.LintStatementObserved, Level = LogLevel.Trace, Message = "Observing statement {Index} of {Script}: {Sql}")]
    public static partial void StatementObserved(ILogger logger, int index, string script, string sql);

    [LoggerMessage(EventId = CutoverEventIds.LintFinished, Level = LogLevel.Information, Message = "Linted {ScriptCount} script(s): {ErrorCount} error(s), {WarningCount} warning(s) in {ElapsedMs} ms")]
    public static partial void Finished(ILogger logger, int scriptCount, int errorCount, int warningCount, long elapsedMs);

    [LoggerMessage(EventId = CutoverEventIds.LintObservationStopped, Level = LogLevel.Warning, Message = "{Script} failed on the scratch database; the scripts after it are checked by their text only: {Message}")]
    public static partial void ObservationStopped(ILogger logger, string script, string message);
}
