namespace Cutover.Benchmarks;

/// <summary>Which table and batch size the benchmark's backfill action walks, given through the container.</summary>
public sealed record BackfillSettings(string Table, int BatchSize);
