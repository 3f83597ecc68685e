using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Cutover.Safety;

namespace Cutover.Cli.Output;

/// <summary>A SARIF 2.1.0 log of one lint (the subset code-scanning services read: rules, results, locations), so CI
/// systems can annotate pull requests.</summary>
internal sealed record SarifLog(
    [property: JsonPropertyName("$schema")] string Schema, string Version, ImmutableArray<SarifRun> Runs)
{
    public static SarifLog From(LintResult result, string toolVersion) => new(
        "https://json.schemastore.org/sarif-2.1.0.json", "2.1.0",
        [
            new SarifRun(
                new SarifTool(new SarifDriver("cutover", toolVersion, "https://github.com/cutover/cutover",
                    [.. LintRules.All.Select(r => new SarifRule(r.Id, r.Name, new SarifText(r.Summary),
                        new SarifText(r.Summary + ". Instead: " + r.SafeAlternative), r.DocumentationPath))])),
                [.. result.Findings.Select(f => new SarifResult(f.RuleId,
                    f.Severity == LintSeverity.Error ? "error" : "warning",
                    new SarifText(f.Message + ". Instead: " + f.SafeAlternative),
                    [new SarifLocation(new SarifPhysicalLocation(new SarifArtifactLocation(f.FilePath.Replace('\\', '/')),
                        new SarifRegion(f.Line, f.Column, new SarifText(f.SourceLine))))]))]),
        ]);
}

internal sealed record SarifRun(SarifTool Tool, ImmutableArray<SarifResult> Results);

internal sealed record SarifTool(SarifDriver Driver);

internal sealed record SarifDriver(
    string Name, string Version, string InformationUri, ImmutableArray<SarifRule> Rules);

internal sealed record SarifRule(string Id, string Name, SarifText ShortDescription, SarifText Help, string HelpUri);

internal sealed record SarifText(string Text);

internal sealed record SarifResult(string RuleId, string Level, SarifText Message, ImmutableArray<SarifLocation> Locations);

internal sealed record SarifLocation(SarifPhysicalLocation PhysicalLocation);

internal sealed record SarifPhysicalLocation(SarifArtifactLocation ArtifactLocation, SarifRegion Region);

internal sealed record SarifArtifactLocation(string Uri);

internal sealed record SarifRegion(int StartLine, int StartColumn, SarifText Snippet);
