using System.Collections.Immutable;

namespace Cutover.Inspection;

/// <summary>A user trigger on a table or view (the internal triggers behind foreign keys are left out).</summary>
internal sealed record TriggerModel
{
    /// <summary>The table's schema.</summary>
    public required string Schema { get; init; }

    /// <summary>The table's name.</summary>
    public required string Table { get; init; }

    /// <summary>The trigger's name.</summary>
    public required string Name { get; init; }

    /// <summary><c>BEFORE</c>, <c>AFTER</c> or <c>INSTEAD OF</c>.</summary>
    public required string Timing { get; init; }

    /// <summary>The events, as in <c>CREATE TRIGGER</c>: <c>INSERT OR UPDATE OF status OR DELETE</c>.</summary>
    public required string Events { get; init; }

    /// <summary><c>ROW</c> or <c>STATEMENT</c>.</summary>
    public required string Level { get; init; }

    /// <summary>The trigger function, schema-qualified.</summary>
    public required string Function { get; init; }

    /// <summary>The arguments passed to the trigger function.</summary>
    public ImmutableArray<string> Arguments { get; init; } = [];

    /// <summary>The <c>WHEN</c> condition, or null.</summary>
    public string? When { get; init; }

    /// <summary>The transition tables (<c>REFERENCING NEW TABLE AS inserted</c>), or null.</summary>
    public string? Referencing { get; init; }

    /// <summary>For a constraint trigger its deferrability (<c>DEFERRABLE INITIALLY DEFERRED</c>), otherwise null.</summary>
    public string? Constraint { get; init; }

    /// <summary>When the trigger fires: <c>ENABLED</c>, <c>DISABLED</c>, <c>REPLICA</c> or
    /// <c>ALWAYS</c>.</summary>
    public required string Enabled { get; init; }

    /// <summary>The comment on the trigger, or null.</summary>
    public string? Comment { get; init; }

    /// <inheritdoc/>
    public bool Equals(TriggerModel? other) =>
        other is not null &&
        Schema == other.Schema && Table == other.Table && Name == other.Name && Timing == other.Timing &&
        Events == other.Events && Level == other.Level && Function == other.Function &&
        ImmutableArrayEquality.Equal(Arguments, other.Arguments) && When == other.When &&
        Referencing == other.Referencing && Constraint == other.Constraint && Enabled == other.Enabled &&
        Comment == other.Comment;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(
        Schema, Table, Name, Timing, Events, Function, ImmutableArrayEquality.Hash(Arguments), When);
}
