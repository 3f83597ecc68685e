namespace MigrationBench;

/// <summary>What one approach took in each repetition: the run that applies everything, and the second run that
/// finds everything applied (null for approaches without history).</summary>
internal sealed class Measurement
{
    public List<double> Apply { get; } = [];

    public List<double> NoOp { get; } = [];

    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1
            ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
