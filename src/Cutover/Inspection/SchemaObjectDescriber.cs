using System.Collections.Immutable;
using System.Globalization;

namespace Cutover.Inspection;

/// <summary>Flattens a <see cref="SchemaModel"/> into <see cref="DescribedObject"/>s: display names as users write
/// them (objects in <c>public</c> unqualified, functions with their argument types) and every compared property as
/// text.</summary>
internal static class SchemaObjectDescriber
{
    public static string DisplayName(string schema, string name) =>
        string.Equals(schema, "public", StringComparison.Ordinal) ? name : schema + "." + name;

    public static IEnumerable<DescribedObject> Describe(SchemaModel model)
    {
        foreach (var x in model.Schemas)
        {
            yield return Object(ObjectKind.Schema, x.Name, null, ("comment", x.Comment), ("privileges", x.Privileges));
        }

        foreach (var x in model.Extensions)
        {
            yield return Object(ObjectKind.Extension, x.Name, null, ("version", x.Version), ("schema", x.Schema));
        }

        foreach (var x in model.Tables)
        {
            yield return Object(
                ObjectKind.Table, DisplayName(x.Schema, x.Name), null,
                ("persistence", x.Persistence.ToString().ToLowerInvariant()),
                ("partition key", x.PartitionKey),
                ("partition of", x.PartitionOf),
                ("partition bound", x.PartitionBound),
                ("inherits", List(x.Inherits)),
                ("row level security", Flag(x.RowLevelSecurity)),
                ("force row level security", Flag(x.ForceRowLevelSecurity)),
                ("options", List(x.Options)),
                ("comment", x.Comment),
                ("privileges", x.Privileges));
        }

        foreach (var x in model.Columns)
        {
            var table = DisplayName(x.Schema, x.Table);
            yield return Object(
                ObjectKind.Column, table + "." + x.Name, table,
                ("type", x.Type),
                ("not null", Flag(x.NotNull)),
                ("default", x.Default),
                ("identity", x.Identity switch
                {
                    ColumnIdentity.Always => "ALWAYS (" + x.IdentitySequence + ")",
                    ColumnIdentity.ByDefault => "BY DEFAULT (" + x.IdentitySequence + ")",
                    _ => null,
                }),
                ("generated", x.Generated),
                ("collation", x.Collation),
                ("comment", x.Comment),
                ("privileges", x.Privileges));
        }

        foreach (var x in model.Constraints)
        {
            var table = DisplayName(x.Schema, x.Table);
            yield return Object(
                ObjectKind.Constraint, table + "." + x.Name, table,
                ("definition", x.Definition),
                ("match", x.Match),
                ("on update", x.OnUpdate),
                ("on delete", x.OnDelete),
                ("deferrable", Flag(x.Deferrable)),
                ("initially deferred", Flag(x.InitiallyDeferred)),
                ("validated", Flag(x.Validated)),
                ("comment", x.Comment));
        }

        foreach (var x in model.Indexes)
        {
            yield return Object(
                ObjectKind.Index, DisplayName(x.Schema, x.Name), DisplayName(x.Schema, x.Table),
                ("table", DisplayName(x.Schema, x.Table)),
                ("unique", Flag(x.Unique)),
                ("method", x.Method),
                ("definition", x.Definition),
                ("predicate", x.Predicate),
                ("valid", Flag(x.Valid)),
                ("comment", x.Comment));
        }

        foreach (var x in model.Sequences)
        {
            yield return Object(
                ObjectKind.Sequence, DisplayName(x.Schema, x.Name), null,
                ("type", x.Type),
                ("start", Number(x.Start)),
                ("increment", Number(x.Increment)),
                ("minimum", Number(x.Minimum)),
                ("maximum", Number(x.Maximum)),
                ("cache", Number(x.Cache)),
                ("cycle", Flag(x.Cycle)),
                ("owned by", x.OwnedBy),
                ("comment", x.Comment),
                ("privileges", x.Privileges));
        }

        foreach (var x in model.Views)
        {
            yield return Object(
                x.Materialized ? ObjectKind.MaterializedView : ObjectKind.View, DisplayName(x.Schema, x.Name), null,
                ("definition", x.Definition),
                ("options", List(x.Options)),
                ("comment", x.Comment),
                ("privileges", x.Privileges));
        }

        foreach (var x in model.Routines)
        {
            yield return Routine(x);
        }

        foreach (var x in model.Triggers)
        {
            var table = DisplayName(x.Schema, x.Table);
            yield return Object(
                ObjectKind.Trigger, table + "." + x.Name, table,
                ("timing", x.Timing),
                ("events", x.Events),
                ("level", x.Level),
                ("function", x.Function),
                ("arguments", x.Arguments.IsDefaultOrEmpty ? null : string.Join(", ", x.Arguments.Select(SqlIdentifier.QuoteLiteral))),
                ("when", x.When),
                ("referencing", x.Referencing),
                ("constraint", x.Constraint),
                ("enabled", x.Enabled),
                ("comment", x.Comment));
        }

        foreach (var x in model.Rules)
        {
            var table = DisplayName(x.Schema, x.Table);
            yield return Object(
                ObjectKind.Rule, table + "." + x.Name, table, ("definition", x.Definition), ("comment", x.Comment));
        }

        foreach (var x in model.Policies)
        {
            var table = DisplayName(x.Schema, x.Table);
            yield return Object(
                ObjectKind.Policy, table + "." + x.Name, table,
                ("command", x.Command),
                ("permissive", Flag(x.Permissive)),
                ("roles", List(x.Roles)),
                ("using", x.Using),
                ("with check", x.WithCheck),
                ("comment", x.Comment));
        }

        foreach (var x in model.Enums)
        {
            yield return Object(
                ObjectKind.Enum, DisplayName(x.Schema, x.Name), null,
                ("labels", string.Join(", ", x.Labels.Select(SqlIdentifier.QuoteLiteral))),
                ("comment", x.Comment),
                ("privileges", x.Privileges));
        }

        foreach (var x in model.Domains)
        {
            var properties = new List<(string, string?)>
            {
                ("base type", x.BaseType),
                ("default", x.Default),
                ("not null", Flag(x.NotNull)),
                ("collation", x.Collation),
            };
            properties.AddRange(x.Constraints.Select(c => ("constraint " + c.Name, (string?)c.Definition)));
            properties.Add(("comment", x.Comment));
            properties.Add(("privileges", x.Privileges));
            yield return Object(ObjectKind.Domain, DisplayName(x.Schema, x.Name), null, [.. properties]);
        }

        foreach (var x in model.CompositeTypes)
        {
            yield return Object(
                ObjectKind.CompositeType, DisplayName(x.Schema, x.Name), null,
                ("attributes", string.Join(", ", x.Attributes.Select(
                    a => a.Name + " " + a.Type + (a.Collation is null ? "" : " COLLATE " + a.Collation)))),
                ("comment", x.Comment),
                ("privileges", x.Privileges));
        }
    }

    private static DescribedObject Routine(RoutineModel x)
    {
        var kind = x.Kind switch
        {
            RoutineKind.Procedure => ObjectKind.Procedure,
            RoutineKind.Aggregate => ObjectKind.Aggregate,
            _ => ObjectKind.Function,
        };
        var properties = new List<(string, string?)>
        {
            ("window", x.Kind == RoutineKind.Window ? "true" : null),
            ("arguments", x.Arguments),
            ("result", x.Result),
            ("language", x.Language),
            ("volatility", x.Volatility.ToString().ToUpperInvariant()),
            ("strict", Flag(x.Strict)),
            ("security definer", Flag(x.SecurityDefiner)),
            ("leakproof", Flag(x.Leakproof)),
            ("parallel", x.Parallel),
            ("cost", x.Cost.ToString(CultureInfo.InvariantCulture)),
            ("rows", x.Rows.ToString(CultureInfo.InvariantCulture)),
            ("configuration", List(x.Configuration)),
            ("body", x.Body),
        };
        if (x.Aggregate is { } aggregate)
        {
            properties.Add(("aggregate kind", aggregate.AggregateKind));
            properties.Add(("transition function", aggregate.TransitionFunction));
            properties.Add(("state type", aggregate.StateType));
            properties.Add(("final function", aggregate.FinalFunction));
            properties.Add(("combine function", aggregate.CombineFunction));
            properties.Add(("initial value", aggregate.InitialValue));
            properties.Add(("sort operator", aggregate.SortOperator));
        }

        properties.Add(("comment", x.Comment));
        properties.Add(("privileges", x.Privileges));
        return Object(kind, DisplayName(x.Schema, x.Name) + "(" + x.ArgumentTypes + ")", null, [.. properties]);
    }

    private static DescribedObject Object(
        ObjectKind kind, string name, string? relation, params (string Property, string? Value)[] properties) =>
        new(kind, name, relation, [.. properties.Select(p => KeyValuePair.Create(p.Property, p.Value))]);

    private static string Flag(bool value) => value ? "true" : "false";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? List(ImmutableArray<string> items) =>
        items.IsDefaultOrEmpty ? null : string.Join(", ", items);
}
