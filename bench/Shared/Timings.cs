using System.Globalization;

namespace Cutover.Bench;

/// <summary>The times of one way of doing something, one per repetition; the median is the figure reported.</summary>
internal sealed class Timings
{
    private readonly List<double> _milliseconds = [];

    public void Add(TimeSpan elapsed) => _milliseconds.Add(elapsed.TotalMilliseconds);

    public double Median
    {
        get
        {
            var sorted = _milliseconds.Order().ToList();
            return sorted.Count % 2 == 1
                ? sorted[sorted.Count / 2]
                : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }

    /// <summary>Every run, in order: <c>412, 398, 405</c>.</summary>
    public string Runs => string.Join(", ", _milliseconds.Select(x => x.ToString("F0", CultureInfo.InvariantCulture)));
}
