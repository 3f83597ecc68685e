namespace Cutover.Inspection;

/// <summary>The kinds of database object a <see cref="SchemaModel"/> holds and a <see cref="SchemaComparison"/>
/// names; <see cref="ObjectKindNames"/> spells them as users write them (<c>--ignore "materialized view"</c>).</summary>
public enum ObjectKind
{
    /// <summary>A schema (namespace).</summary>
    Schema,

    /// <summary>An installed extension.</summary>
    Extension,

    /// <summary>A table, partitioned table or partition.</summary>
    Table,

    /// <summary>A column of a table.</summary>
    Column,

    /// <summary>A table constraint: primary key, unique, foreign key, check or exclusion.</summary>
    Constraint,

    /// <summary>An index that does not back a primary key, unique or exclusion constraint.</summary>
    Index,

    /// <summary>A sequence other than an identity column's.</summary>
    Sequence,

    /// <summary>A view.</summary>
    View,

    /// <summary>A materialized view.</summary>
    MaterializedView,

    /// <summary>A function (including window functions).</summary>
    Function,

    /// <summary>A procedure.</summary>
    Procedure,

    /// <summary>An aggregate function.</summary>
    Aggregate,

    /// <summary>A trigger on a table or view.</summary>
    Trigger,

    /// <summary>A rewrite rule (other than a view's own <c>_RETURN</c> rule).</summary>
    Rule,

    /// <summary>A row-level security policy.</summary>
    Policy,

    /// <summary>An enum type.</summary>
    Enum,

    /// <summary>A domain.</summary>
    Domain,

    /// <summary>A composite type made with <c>CREATE TYPE ... AS (...)</c>.</summary>
    CompositeType,
}
