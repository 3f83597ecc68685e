using System.Collections.Immutable;

namespace Cutover.Inspection;

/// <summary>A function, procedure, window function or aggregate, identified by its schema, name and argument
/// types.</summary>
internal sealed record RoutineModel
{
    /// <summary>The routine's schema.</summary>
    public required string Schema { get; init; }

    /// <summary>The routine's name.</summary>
    public required string Name { get; init; }

    /// <summary>The input argument types that identify the routine among its overloads (<c>text[], integer</c>).</summary>
    public required string ArgumentTypes { get; init; }

    /// <summary>What kind of routine this is.</summary>
    public RoutineKind Kind { get; init; }

    /// <summary>The full argument list with modes, names and defaults, as <c>pg_get_function_arguments</c> gives
    /// it.</summary>
    public required string Arguments { get; init; }

    /// <summary>The result type (<c>SETOF record</c>, <c>TABLE(id bigint)</c>), or null for a procedure.</summary>
    public string? Result { get; init; }

    /// <summary>The language (<c>plpgsql</c>, <c>sql</c>).</summary>
    public required string Language { get; init; }

    /// <summary>The volatility category.</summary>
    public RoutineVolatility Volatility { get; init; }

    /// <summary>Whether the routine is <c>STRICT</c> (returns null on null input).</summary>
    public bool Strict { get; init; }

    /// <summary>Whether the routine is <c>SECURITY DEFINER</c>.</summary>
    public bool SecurityDefiner { get; init; }

    /// <summary>Whether the routine is <c>LEAKPROOF</c>.</summary>
    public bool Leakproof { get; init; }

    /// <summary>The parallel safety: <c>SAFE</c>, <c>RESTRICTED</c> or <c>UNSAFE</c>.</summary>
    public required string Parallel { get; init; }

    /// <summary>The estimated execution cost.</summary>
    public float Cost { get; init; }

    /// <summary>The estimated number of rows of a set-returning function, 0 otherwise.</summary>
    public float Rows { get; init; }

    /// <summary>Settings applied while the routine runs (<c>search_path=pg_catalog, public</c>), sorted.</summary>
    public ImmutableArray<string> Configuration { get; init; } = [];

    /// <summary>The body: the source text, or for a SQL-standard body (<c>BEGIN ATOMIC</c>) its normalised form.</summary>
    public string? Body { get; init; }

    /// <summary>An aggregate's definition, or null for other routines.</summary>
    public AggregateModel? Aggregate { get; init; }

    /// <summary>The comment on the routine, or null.</summary>
    public string? Comment { get; init; }

    /// <summary>The privileges granted on the routine (<see cref="InspectionOptions.IncludePrivileges"/>), or
    /// null.</summary>
    public string? Privileges { get; init; }

    /// <inheritdoc/>
    public bool Equals(RoutineModel? other) =>
        other is not null &&
        Schema == other.Schema && Name == other.Name && ArgumentTypes == other.ArgumentTypes &&
        Kind == other.Kind && Arguments == other.Arguments && Result == other.Result &&
        Language == other.Language && Volatility == other.Volatility && Strict == other.Strict &&
        SecurityDefiner == other.SecurityDefiner && Leakproof == other.Leakproof && Parallel == other.Parallel &&
        Cost.Equals(other.Cost) && Rows.Equals(other.Rows) &&
        ImmutableArrayEquality.Equal(Configuration, other.Configuration) && Body == other.Body &&
        Aggregate == other.Aggregate && Comment == other.Comment && Privileges == other.Privileges;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(
        Schema, Name, ArgumentTypes, Kind, Arguments, Body, ImmutableArrayEquality.Hash(Configuration), Aggregate);
}
