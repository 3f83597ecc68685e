using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Cutover.Tests.Snapshots;

/// <summary>Collects the event ids a component logs, so tests assert logs by id rather than text.</summary>
internal sealed class EventCollector<T> : ILogger<T>
{
    private readonly ConcurrentQueue<int> _events = new();

    public IReadOnlyCollection<int> EventIds => [.. _events];

    /// <summary>Called with each event id as it is logged, on the logging thread.</summary>
    public Action<int>? OnEvent { get; init; }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        _events.Enqueue(eventId.Id);
        OnEvent?.Invoke(eventId.Id);
    }
}
