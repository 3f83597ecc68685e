using OpenTelemetry.Metrics;

namespace Cutover.Tests.Telemetry;

/// <summary>Totals of exported metric points for one database: other tests run in parallel and report into the same
/// process-wide meter, so points are told apart by <c>db.namespace</c>.</summary>
internal static class MetricTotals
{
    public static long Sum(IEnumerable<Metric> metrics, string name, string database, bool histogramCount = false)
    {
        long total = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var mine = false;
                foreach (var tag in point.Tags)
                {
                    mine |= tag.Key == "db.namespace" && Equals(tag.Value, database);
                }

                if (mine)
                {
                    total += histogramCount ? point.GetHistogramCount() : point.GetSumLong();
                }
            }
        }

        return total;
    }
}
