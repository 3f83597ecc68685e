using Cutover.Planning;

namespace Cutover.Cli.Output;

/// <summary>What one phase would apply next, or why nothing.</summary>
internal sealed record PhaseOutlook(IReadOnlyList<string> Scripts, string? Remark)
{
    public static PhaseOutlook From(MigrationPlan plan) => new([.. plan.Steps.Select(s => s.Name.Name)], plan.Remark);
}
