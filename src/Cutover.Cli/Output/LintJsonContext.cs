using System.Text.Json.Serialization;

namespace Cutover.Cli.Output;

/// <summary>Source-generated JSON for <c>cutover lint</c>: the report (<c>--json</c>) and the SARIF log
/// (<c>--format sarif</c>), camelCase as SARIF wants, enums as strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(LintReport))]
[JsonSerializable(typeof(SarifLog))]
internal sealed partial class LintJsonContext : JsonSerializerContext;
