using System.Collections.Immutable;

namespace Cutover.Fleet;

/// <summary>One entry of a fleet file's <c>targets</c>, as written: a database, or a query that names databases or
/// schemas.</summary>
/// <param name="Index">Its index in <c>targets</c>, for messages.</param>
/// <param name="Line">Its line, for messages.</param>
/// <param name="Column">Its column, for messages.</param>
/// <param name="Kind">What it names.</param>
/// <param name="Name">The target's name (<see cref="FleetEntryKind.Database"/> only); null for the database's.</param>
/// <param name="Connection">The database (or, for <see cref="FleetEntryKind.Databases"/>, the server) as a connection
/// string, URI or service name.</param>
/// <param name="Query">The query whose first column names the targets; null for one database.</param>
/// <param name="Labels">Its labels, in file order.</param>
internal sealed record FleetEntry(
    int Index, int Line, int Column, FleetEntryKind Kind, string? Name, string Connection, string? Query,
    ImmutableArray<KeyValuePair<string, string>> Labels)
{
    /// <summary>Where it is, for messages: <c>targets[2]</c>.</summary>
    public string Key => $"targets[{Index}]";

    /// <inheritdoc/>
    public bool Equals(FleetEntry? other) =>
        other is not null && Index == other.Index && Line == other.Line && Column == other.Column &&
        Kind == other.Kind && Name == other.Name && Connection == other.Connection && Query == other.Query &&
        Labels.SequenceEqual(other.Labels);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Index, Kind, Name, Connection, Query, Labels.Length);
}
