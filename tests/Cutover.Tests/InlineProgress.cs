namespace Cutover.Tests;

/// <summary>Reports on the caller's thread, unlike <see cref="Progress{T}"/>, so tests see every report in order.</summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
