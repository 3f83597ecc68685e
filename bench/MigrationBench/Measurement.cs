namespace MigrationBench;

/// <summary>What one approach took in each repetition: the run that applies everything (wall and CPU time, and both
/// divided by those of the floor run just before it) and the second run that finds everything applied (approaches
/// with history only).</summary>
internal sealed class Measurement
{
    public List<double> Apply { get; } = [];

    public List<double> Ratios { get; } = [];

    public List<double> ApplyCpu { get; } = [];

    public List<double> CpuRatios { get; } = [];

    public List<double> NoOp { get; } = [];

    public void Add(RunTime apply, RunTime floor, RunTime? noOp)
    {
        Apply.Add(apply.Wall);
        Ratios.Add(apply.Wall / floor.Wall);
        ApplyCpu.Add(apply.Cpu);
        CpuRatios.Add(apply.Cpu / floor.Cpu);
        if (noOp is { } value)
        {
            NoOp.Add(value.Wall);
        }
    }

    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1
            ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
