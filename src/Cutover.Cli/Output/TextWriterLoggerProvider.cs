using Microsoft.Extensions.Logging;

namespace Cutover.Cli.Output;

/// <summary>Writes log lines to the invocation's error writer (stderr), so results on stdout stay clean and tests can
/// capture both.</summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer, LogLevel minimum) : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly TextWriter _writer = writer;
    private readonly LogLevel _minimum = minimum;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TextWriterLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider._minimum && logLevel != LogLevel.None;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var level = logLevel switch
            {
                LogLevel.Trace => "trce",
                LogLevel.Debug => "dbug",
                LogLevel.Information => "info",
                LogLevel.Warning => "warn",
                LogLevel.Error => "fail",
                _ => "crit",
            };
            var shortCategory = category.StartsWith("Cutover.", StringComparison.Ordinal) ? category[8..] : category;
            lock (provider._gate)
            {
                provider._writer.WriteLine($"{level}: {shortCategory}[{eventId.Id}] {formatter(state, exception)}");
            }
        }
    }
}
