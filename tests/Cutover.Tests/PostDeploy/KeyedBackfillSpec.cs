using System.Collections.Concurrent;
using Cutover.PostDeploy;

namespace Cutover.Tests.PostDeploy;

/// <summary>The options <see cref="KeyedBackfill"/> runs with, and what each of its attempts returned.</summary>
public sealed class KeyedBackfillSpec(BackfillOptions options)
{
    public BackfillOptions Options { get; } = options;

    public ConcurrentQueue<BackfillResult> Results { get; } = new();
}
