using Microsoft.Extensions.Logging;

namespace Cutover.Cli.Output;

/// <summary>Writes log lines to the invocation's error writer (stderr), so results on stdout stay clean and tests can
/// capture both. Npgsql's loggers write warnings and worse whatever <c>--verbose</c> says: Npgsql logs every command at
/// information, and <c>--verbose</c> is about Cutover's own work.</summary>
/// <remarks>Not <c>LoggerFactory.Create</c>: that builds a dependency-injection container and the options machinery to
/// hold one filter, a start-up cost of its own (tens of milliseconds in the dotnet tool) paid before the first byte
/// reaches the server.</remarks>
internal sealed class TextWriterLoggerFactory(TextWriter writer, LogLevel minimum) : ILoggerFactory
{
    private readonly Lock _gate = new();
    private readonly TextWriter _writer = writer;

    public ILogger CreateLogger(string categoryName)
    {
        ArgumentNullException.ThrowIfNull(categoryName);
        var threshold = categoryName.StartsWith("Npgsql", StringComparison.Ordinal) && minimum < LogLevel.Warning
            ? LogLevel.Warning
            : minimum;
        var shortCategory = categoryName.StartsWith("Cutover.", StringComparison.Ordinal) ? categoryName[8..] : categoryName;
        return new Logger(this, shortCategory, threshold);
    }

    /// <summary>Not supported: the CLI's logs go to stderr only.</summary>
    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("the cutover CLI writes its logs to stderr only");

    public void Dispose()
    {
    }

    private sealed class Logger(TextWriterLoggerFactory factory, string category, LogLevel threshold) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= threshold && logLevel != LogLevel.None;

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
            lock (factory._gate)
            {
                factory._writer.WriteLine($"{level}: {category}[{eventId.Id}] {formatter(state, exception)}");
            }
        }
    }
}
