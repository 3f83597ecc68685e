namespace Cutover.Telemetry;

/// <summary>The names under which Cutover reports traces and metrics: give them to OpenTelemetry's
/// <c>AddSource</c> and <c>AddMeter</c>. Cutover depends on <c>System.Diagnostics</c> only; nothing is recorded unless
/// a listener asks.</summary>
/// <remarks>Spans: <c>cutover.upgrade</c>, one per upgrade run, and <c>cutover.script</c>, one per script it applies
/// (never one per statement), tagged <c>cutover.script.name</c>, <c>cutover.script.phase</c> and
/// <c>cutover.script.outcome</c>. Metrics: <c>cutover.scripts.applied</c>, <c>cutover.script.duration</c> (seconds),
/// <c>cutover.lock_timeout.retries</c> and <c>cutover.backfill.rows</c>, tagged with <c>db.namespace</c> (the
/// database) and, for scripts, <c>cutover.script.phase</c>.</remarks>
public static class CutoverTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name: <c>Cutover</c>.</summary>
    public const string ActivitySourceName = "Cutover";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name: <c>Cutover</c>.</summary>
    public const string MeterName = "Cutover";
}
