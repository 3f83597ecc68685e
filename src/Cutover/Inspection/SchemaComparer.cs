using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cutover.Inspection;

/// <summary>Compares two <see cref="SchemaModel"/>s object by object and property by property.</summary>
/// <remarks>Objects are matched by kind and name, never by OID, so two databases built differently compare as users
/// expect; an unnamed constraint or index that got different generated names on the two sides shows as one object
/// only on each side. When a table is on one side only, its columns, constraints, indexes, triggers, rules and
/// policies are not listed again. Pure and thread-safe.</remarks>
internal sealed class SchemaComparer
{
    private readonly SchemaComparisonOptions _options;
    private readonly ILogger<SchemaComparer> _logger;

    /// <summary>Creates a comparer.</summary>
    /// <param name="options">What to ignore and how strict to be; the defaults when null.</param>
    /// <param name="logger">Where to log; nowhere when null.</param>
    public SchemaComparer(SchemaComparisonOptions? options = null, ILogger<SchemaComparer>? logger = null)
    {
        _options = options ?? new SchemaComparisonOptions();
        _logger = logger ?? NullLogger<SchemaComparer>.Instance;
    }

    /// <summary>Lists every difference between <paramref name="left"/> and <paramref name="right"/>.</summary>
    /// <param name="left">One side, e.g. a database built from <c>schema.sql</c>.</param>
    /// <param name="right">The other side, e.g. a database built by the migrations.</param>
    /// <param name="leftName">What to call the left side in output.</param>
    /// <param name="rightName">What to call the right side in output.</param>
    /// <returns>The differences, sorted by object kind, object name and property.</returns>
    public SchemaComparison Compare(
        SchemaModel left, SchemaModel right, string leftName = "left", string rightName = "right")
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentException.ThrowIfNullOrEmpty(leftName);
        ArgumentException.ThrowIfNullOrEmpty(rightName);

        var ignored = _options.IgnoredKinds.IsDefault ? [] : _options.IgnoredKinds.ToHashSet();
        var leftObjects = Index(left, ignored);
        var rightObjects = Index(right, ignored);
        var leftRelations = Relations(left);
        var rightRelations = Relations(right);

        var differences = new List<SchemaDifference>();
        foreach (var (key, l) in leftObjects)
        {
            if (!rightObjects.TryGetValue(key, out var r))
            {
                // A missing table is reported once, not once more for each of its columns.
                if (l.Relation is null || rightRelations.Contains(l.Relation))
                {
                    differences.Add(new() { Kind = DifferenceKind.OnlyInLeft, ObjectKind = l.Kind, ObjectName = l.Name });
                }

                continue;
            }

            CompareProperties(l, r, differences);
        }

        foreach (var (key, r) in rightObjects)
        {
            if (!leftObjects.ContainsKey(key) && (r.Relation is null || leftRelations.Contains(r.Relation)))
            {
                differences.Add(new() { Kind = DifferenceKind.OnlyInRight, ObjectKind = r.Kind, ObjectName = r.Name });
            }
        }

        if (!ignored.Contains(ObjectKind.Table) && !ignored.Contains(ObjectKind.Column))
        {
            CompareColumnOrder(left, right, differences);
        }

        var sorted = differences
            .OrderBy(d => d.ObjectKind)
            .ThenBy(d => d.ObjectName, StringComparer.Ordinal)
            .ThenBy(d => d.Kind)
            .ThenBy(d => d.Property, StringComparer.Ordinal)
            .ToList();
        var comparison = new SchemaComparison { LeftName = leftName, RightName = rightName, Differences = [.. sorted] };
        var noteCount = sorted.Count(d => d.Kind == DifferenceKind.Note);
        InspectionLog.Compared(_logger, leftName, rightName, sorted.Count - noteCount, noteCount);
        return comparison;
    }

    private static Dictionary<(ObjectKind, string), DescribedObject> Index(SchemaModel model, HashSet<ObjectKind> ignored)
    {
        var objects = new Dictionary<(ObjectKind, string), DescribedObject>();
        foreach (var described in SchemaObjectDescriber.Describe(model))
        {
            if (!ignored.Contains(described.Kind))
            {
                objects[(described.Kind, described.Name)] = described;
            }
        }

        return objects;
    }

    private static HashSet<string> Relations(SchemaModel model) =>
    [
        .. model.Tables.Select(t => SchemaObjectDescriber.DisplayName(t.Schema, t.Name)),
        .. model.Views.Select(v => SchemaObjectDescriber.DisplayName(v.Schema, v.Name)),
    ];

    private static void CompareProperties(DescribedObject left, DescribedObject right, List<SchemaDifference> differences)
    {
        var rightValues = right.Properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var leftNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (property, leftValue) in left.Properties)
        {
            leftNames.Add(property);
            var rightValue = rightValues.GetValueOrDefault(property);
            if (!string.Equals(leftValue, rightValue, StringComparison.Ordinal))
            {
                differences.Add(Differs(left, property, leftValue, rightValue));
            }
        }

        // Properties only one side has (a domain's constraints by name).
        foreach (var (property, rightValue) in right.Properties)
        {
            if (!leftNames.Contains(property) && rightValue is not null)
            {
                differences.Add(Differs(left, property, null, rightValue));
            }
        }
    }

    private static SchemaDifference Differs(DescribedObject left, string property, string? leftValue, string? rightValue) =>
        new()
        {
            Kind = DifferenceKind.Differs,
            ObjectKind = left.Kind,
            ObjectName = left.Name,
            Property = property,
            LeftValue = leftValue,
            RightValue = rightValue,
        };

    // Column order is compared once per table, over the columns both sides have, so that a missing column is not
    // reported again as an order difference.
    private void CompareColumnOrder(SchemaModel left, SchemaModel right, List<SchemaDifference> differences)
    {
        var rightColumns = right.Columns.ToLookup(c => (c.Schema, c.Table));
        foreach (var table in left.Columns.GroupBy(c => (c.Schema, c.Table)))
        {
            var leftNames = table.OrderBy(c => c.Position).Select(c => c.Name).ToList();
            var rightNames = rightColumns[table.Key].OrderBy(c => c.Position).Select(c => c.Name).ToList();
            if (rightNames.Count == 0)
            {
                continue;
            }

            var common = leftNames.Intersect(rightNames, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
            if (leftNames.Where(common.Contains).SequenceEqual(rightNames.Where(common.Contains), StringComparer.Ordinal))
            {
                continue;
            }

            differences.Add(new SchemaDifference
            {
                Kind = _options.StrictColumnOrder ? DifferenceKind.Differs : DifferenceKind.Note,
                ObjectKind = ObjectKind.Table,
                ObjectName = SchemaObjectDescriber.DisplayName(table.Key.Schema, table.Key.Table),
                Property = "column order",
                LeftValue = string.Join(", ", leftNames),
                RightValue = string.Join(", ", rightNames),
            });
        }
    }
}
