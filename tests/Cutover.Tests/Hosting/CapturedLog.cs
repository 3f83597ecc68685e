using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Cutover.Tests.Hosting;

/// <summary>A logger provider a test host logs into, so tests assert by event id and can wait for an event (the
/// moment a replica starts waiting for the deploy lock) instead of sleeping.</summary>
internal sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _seen = new();

    public IReadOnlyCollection<Entry> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Completes once an entry with <paramref name="eventId"/> was logged (at once if one already was).</summary>
    public Task WhenLoggedAsync(int eventId, CancellationToken cancellationToken) =>
        Seen(eventId).Task.WaitAsync(cancellationToken);

    public Entry Single(int eventId) => _entries.Single(e => e.EventId == eventId);

    public void Dispose()
    {
    }

    private TaskCompletionSource Seen(int eventId) =>
        _seen.GetOrAdd(eventId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    internal sealed record Entry(
        string Category, int EventId, LogLevel Level, string Message, Exception? Exception,
        IReadOnlyDictionary<string, object?> Values);

    private sealed class Logger(CapturedLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value)
                : new Dictionary<string, object?>();
            owner._entries.Enqueue(new Entry(category, eventId.Id, logLevel, formatter(state, exception), exception, values));
            owner.Seen(eventId.Id).TrySetResult();
        }
    }
}
