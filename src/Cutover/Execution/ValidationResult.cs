using System.Collections.Immutable;
using Cutover.Planning;

namespace Cutover.Execution;

/// <summary>What <c>validate</c> found.</summary>
/// <param name="RecordedCount">How many journal rows were checked.</param>
/// <param name="Findings">Each recorded script whose file changed or is gone, or that failed half-way.</param>
public sealed record ValidationResult(int RecordedCount, ImmutableArray<DriftFinding> Findings)
{
    /// <summary>True when the journal and the files agree.</summary>
    public bool IsValid => Findings.IsEmpty;
}
