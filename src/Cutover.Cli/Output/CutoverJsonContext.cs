using System.Text.Json.Serialization;
using Cutover.Execution;

namespace Cutover.Cli.Output;

/// <summary>Source-generated JSON for every result the CLI prints with <c>--json</c>: camelCase, enums as strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(LintReport))]
[JsonSerializable(typeof(SarifLog))]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(UpgradeReport))]
[JsonSerializable(typeof(FleetReport))]
[JsonSerializable(typeof(FleetStatusReport))]
[JsonSerializable(typeof(FleetCheckReport))]
[JsonSerializable(typeof(InstallReport))]
[JsonSerializable(typeof(BaselineResult))]
[JsonSerializable(typeof(ValidationResult))]
[JsonSerializable(typeof(RepairResult))]
[JsonSerializable(typeof(ErrorReport))]
[JsonSerializable(typeof(DeployReport))]
[JsonSerializable(typeof(Cutover.Inspection.SchemaComparison))]
[JsonSerializable(typeof(CiPrepareReport))]
[JsonSerializable(typeof(CiKeyReport))]
[JsonSerializable(typeof(CiPruneReport))]
[JsonSerializable(typeof(CompatReport))]
[JsonSerializable(typeof(Cutover.Adoption.AdoptionResult))]
internal sealed partial class CutoverJsonContext : JsonSerializerContext;
