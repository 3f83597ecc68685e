namespace MigrationBench;

/// <summary>What one approach took in each repetition: the run that applies everything, its ratio to the floor run
/// just before it, and the second run that finds everything applied (approaches with history only).</summary>
internal sealed class Measurement
{
    public List<double> Apply { get; } = [];

    public List<double> NoOp { get; } = [];

    /// <summary>Each apply run divided by the floor run just before it.</summary>
    public List<double> Ratios { get; } = [];

    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1
            ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
