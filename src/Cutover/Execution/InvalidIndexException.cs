using System.Collections.Immutable;

namespace Cutover.Execution;

/// <summary>A no-transaction script ran to its end, but an index it builds is INVALID: an earlier run was interrupted
/// in the middle of <c>CREATE INDEX CONCURRENTLY</c> and <c>IF NOT EXISTS</c> skipped the broken index, or a rebuild
/// failed. The script is recorded as failed; <c>cutover repair</c> drops the index so that the next upgrade builds it
/// again.</summary>
public sealed class InvalidIndexException : CutoverException
{
    /// <summary>Creates the exception.</summary>
    internal InvalidIndexException(string location, ImmutableArray<InvalidIndex> indexes)
        : base($"{location}: index {string.Join(", ", indexes.Select(i => i.QualifiedName))} is INVALID after the " +
               "script ran (an interrupted CREATE INDEX CONCURRENTLY leaves it so, and IF NOT EXISTS then skips it): " +
               "run 'cutover repair', which drops it, then 'cutover upgrade' to build it again")
    {
        Location = location;
        Indexes = indexes;
    }

    /// <summary>The script's file.</summary>
    public string Location { get; }

    /// <summary>The invalid indexes the script builds.</summary>
    public ImmutableArray<InvalidIndex> Indexes { get; }
}
