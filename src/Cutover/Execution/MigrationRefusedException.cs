using System.Collections.Immutable;
using Cutover.Planning;

namespace Cutover.Execution;

/// <summary>An operation refused to run because the database is not in a state it may act on: drift, a failed
/// no-transaction script, out-of-order scripts, or an existing journal for <c>install</c>. Nothing was changed.</summary>
public sealed class MigrationRefusedException : CutoverException
{
    /// <summary>Creates the exception.</summary>
    internal MigrationRefusedException(string summary, ImmutableArray<DriftFinding> findings)
        : base(findings.IsDefaultOrEmpty
            ? summary
            : summary + Environment.NewLine + string.Join(Environment.NewLine, findings.Select(f => "  " + f)))
    {
        Findings = findings.IsDefault ? [] : findings;
    }

    /// <summary>What is wrong, one finding per script.</summary>
    public ImmutableArray<DriftFinding> Findings { get; }
}
