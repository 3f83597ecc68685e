using Cutover.PostDeploy;

namespace Cutover.Cli.Output;

/// <summary>One action run by <c>cutover deploy</c>.</summary>
internal sealed record DeployOutcomeLine(string ActionId, string Tenant, PostDeployOutcomeKind Kind, long? DurationMs, string? Error,
    string? RanBy = null);
