using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Cutover.Tests.PostDeploy;

/// <summary>Collects the event ids of every log message, so tests assert logs by id rather than by text.</summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<int> _eventIds = new();

    public IReadOnlyCollection<int> EventIds => _eventIds;

    public ILogger CreateLogger(string categoryName) => new Logger(_eventIds);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<int> eventIds) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            _ = formatter(state, exception);
            eventIds.Enqueue(eventId.Id);
        }
    }
}
