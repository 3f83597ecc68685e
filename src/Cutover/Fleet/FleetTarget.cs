using System.Collections.Immutable;
using Cutover.Journal;
using Npgsql;

namespace Cutover.Fleet;

/// <summary>One target of a fleet, expanded from its entry: a database, or a schema of one.</summary>
/// <param name="Name">Unique in the fleet: the entry's <c>name</c>, else the database's or schema's name.</param>
/// <param name="Position">Its place in the fleet file's order (a query's targets in the order of its rows).</param>
/// <param name="Kind">A database or a schema.</param>
/// <param name="Entry">The entry it came from, for messages.</param>
/// <param name="Settings">The database's full connection settings, password included: the pool key; never
/// printed.</param>
/// <param name="Where">Where it is, fit to print: <c>db1:5432/app as deploy</c>.</param>
/// <param name="Schema">The schema of a schema target; null for a database.</param>
/// <param name="Labels">The entry's labels.</param>
internal sealed record FleetTarget(
    string Name, int Position, FleetTargetKind Kind, FleetEntry Entry, string Settings, string Where, string? Schema,
    ImmutableArray<KeyValuePair<string, string>> Labels)
{
    /// <summary>Its journal: <paramref name="journal"/> for a database, the same table in its own schema for a
    /// schema target.</summary>
    public JournalTableName JournalFor(JournalTableName journal) =>
        Schema is null ? journal : new JournalTableName(Schema, journal.Table);

    /// <summary>The database name.</summary>
    public string Database => new NpgsqlConnectionStringBuilder(Settings).Database ?? "";

    /// <summary>Whether it carries <paramref name="label"/> with <paramref name="value"/>.</summary>
    public bool Has(string label, string value) =>
        Labels.Any(l => string.Equals(l.Key, label, StringComparison.Ordinal) &&
                        string.Equals(l.Value, value, StringComparison.Ordinal));

    /// <summary>Names it without secrets.</summary>
    public override string ToString() => Name;

    /// <inheritdoc/>
    public bool Equals(FleetTarget? other) =>
        other is not null && Name == other.Name && Position == other.Position && Kind == other.Kind &&
        Settings == other.Settings && Schema == other.Schema && Labels.SequenceEqual(other.Labels);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Position, Kind, Settings, Schema);
}
