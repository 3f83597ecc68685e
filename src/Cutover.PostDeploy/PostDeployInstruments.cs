using System.Diagnostics.Metrics;
using System.Reflection;
using Cutover.Telemetry;

namespace Cutover.PostDeploy;

/// <summary>The post-deploy instruments, on a meter of the same name as the core's (<see cref="CutoverTelemetry.MeterName"/>),
/// so that one <c>AddMeter("Cutover")</c> collects the migrator's and the actions' metrics alike.</summary>
/// <remarks>Static for the reasons the core's instruments are: listeners subscribe by name, and an instrument nobody
/// listens to costs a null check.</remarks>
internal static class PostDeployInstruments
{
    private static readonly string? s_version =
        typeof(PostDeployInstruments).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0];

    public static readonly Meter Meter = new(CutoverTelemetry.MeterName, s_version);

    public static readonly Counter<long> BackfillRows = Meter.CreateCounter<long>(
        "cutover.backfill.rows", "{row}", "Rows a post-deploy backfill has changed");

    /// <summary>The OpenTelemetry attribute of the database's name.</summary>
    public const string Database = "db.namespace";
}
