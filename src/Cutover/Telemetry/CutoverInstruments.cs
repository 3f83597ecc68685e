using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Cutover.Telemetry;

/// <summary>The activity source, the meter and its instruments.</summary>
/// <remarks>Static, as in Npgsql and the BCL's own instrumentation: a source and a meter are process-wide by design
/// (listeners subscribe by name), hold no state of Cutover's, and cost a null check when nobody listens.</remarks>
internal static class CutoverInstruments
{
    private static readonly string? s_version =
        typeof(CutoverInstruments).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0];

    public static readonly ActivitySource Source = new(CutoverTelemetry.ActivitySourceName, s_version);

    public static readonly Meter Meter = new(CutoverTelemetry.MeterName, s_version);

    public static readonly Counter<long> ScriptsApplied = Meter.CreateCounter<long>(
        "cutover.scripts.applied", "{script}", "Migration scripts applied and recorded");

    public static readonly Histogram<double> ScriptDuration = Meter.CreateHistogram<double>(
        "cutover.script.duration", "s", "How long a migration script took, lock-timeout retries included");

    public static readonly Counter<long> LockTimeoutRetries = Meter.CreateCounter<long>(
        "cutover.lock_timeout.retries", "{retry}", "Scripts or statements rolled back on the lock timeout and retried");

    public const string Database = "db.namespace";
    public const string ScriptName = "cutover.script.name";
    public const string ScriptPhase = "cutover.script.phase";
    public const string ScriptOutcome = "cutover.script.outcome";
    public const string RunPhase = "cutover.phase";
    public const string ScriptsAppliedTag = "cutover.scripts.applied";
}
