using System.Globalization;
using System.Text;

namespace Cutover.Inspection;

/// <summary>Renders a <see cref="SchemaComparison"/> as text a person reads at a glance: one block per object, each
/// differing property with both sides' values labelled by the sides' names, multi-line values (function bodies, view
/// definitions) as a line diff, and a closing summary line.</summary>
/// <example>
/// <code>
/// only in schema.sql: index procrastinate_jobs_queue_idx
/// differs: column procrastinate_jobs.priority
///   default
///     schema.sql: 0
///     migrations: 1
/// note: table procrastinate_jobs
///   column order
///     schema.sql: id, queue_name, priority, ...
///     migrations: id, queue_name, ..., priority
///
/// schema.sql and migrations differ: 1 only in schema.sql, 1 differing (1 note)
/// </code>
/// </example>
internal static class SchemaComparisonFormatter
{
    /// <summary>Returns the text for <paramref name="comparison"/>, ending with a newline.</summary>
    public static string Format(SchemaComparison comparison)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(comparison, writer);
        return writer.ToString();
    }

    /// <summary>Writes the text for <paramref name="comparison"/> to <paramref name="writer"/>.</summary>
    public static void Write(SchemaComparison comparison, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(writer);
        var width = Math.Max(comparison.LeftName.Length, comparison.RightName.Length) + 1;

        foreach (var group in comparison.Differences.GroupBy(d => (d.ObjectKind, d.ObjectName)))
        {
            var kind = ObjectKindNames.Format(group.Key.ObjectKind);
            foreach (var missing in group.Where(d => d.Kind is DifferenceKind.OnlyInLeft or DifferenceKind.OnlyInRight))
            {
                var side = missing.Kind == DifferenceKind.OnlyInLeft ? comparison.LeftName : comparison.RightName;
                writer.WriteLine($"only in {side}: {kind} {group.Key.ObjectName}");
            }

            foreach (var byKind in group.Where(d => d.Kind is DifferenceKind.Differs or DifferenceKind.Note)
                         .GroupBy(d => d.Kind))
            {
                writer.WriteLine($"{(byKind.Key == DifferenceKind.Note ? "note" : "differs")}: {kind} {group.Key.ObjectName}");
                foreach (var difference in byKind)
                {
                    WriteProperty(difference, comparison, width, writer);
                }
            }
        }

        if (comparison.Differences.Length > 0)
        {
            writer.WriteLine();
        }

        writer.WriteLine(Summary(comparison));
    }

    private static void WriteProperty(SchemaDifference difference, SchemaComparison comparison, int width, TextWriter writer)
    {
        writer.WriteLine("  " + difference.Property);
        var left = difference.LeftValue;
        var right = difference.RightValue;
        if (left is not null && right is not null && (left.Contains('\n', StringComparison.Ordinal) || right.Contains('\n', StringComparison.Ordinal)))
        {
            writer.WriteLine($"    --- {comparison.LeftName}");
            writer.WriteLine($"    +++ {comparison.RightName}");
            foreach (var line in LineDiff.Unified(left, right))
            {
                writer.WriteLine("    " + line);
            }

            return;
        }

        WriteValue(comparison.LeftName, left, width, writer);
        WriteValue(comparison.RightName, right, width, writer);
    }

    private static void WriteValue(string side, string? value, int width, TextWriter writer)
    {
        var label = (side + ":").PadRight(width);
        if (value is null)
        {
            writer.WriteLine($"    {label} (none)");
            return;
        }

        var lines = value.ReplaceLineEndings("\n").Split('\n');
        writer.WriteLine($"    {label} {lines[0]}");
        foreach (var line in lines.Skip(1))
        {
            writer.WriteLine($"    {new string(' ', width)} {line}");
        }
    }

    private static string Summary(SchemaComparison comparison)
    {
        var differences = comparison.Differences;
        var notes = differences.Count(d => d.Kind == DifferenceKind.Note);
        var noteText = notes == 0 ? "" : notes == 1 ? " (1 note)" : $" ({notes} notes)";
        if (comparison.IsEquivalent)
        {
            return $"{comparison.LeftName} and {comparison.RightName} are equivalent{noteText}";
        }

        var parts = new List<string>();
        var onlyLeft = differences.Count(d => d.Kind == DifferenceKind.OnlyInLeft);
        var onlyRight = differences.Count(d => d.Kind == DifferenceKind.OnlyInRight);
        var differing = differences.Where(d => d.Kind == DifferenceKind.Differs)
            .Select(d => (d.ObjectKind, d.ObjectName)).Distinct().Count();
        if (onlyLeft > 0)
        {
            parts.Add($"{onlyLeft} only in {comparison.LeftName}");
        }

        if (onlyRight > 0)
        {
            parts.Add($"{onlyRight} only in {comparison.RightName}");
        }

        if (differing > 0)
        {
            parts.Add($"{differing} differing");
        }

        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{comparison.LeftName} and {comparison.RightName} differ: ")
            .AppendJoin(", ", parts)
            .Append(noteText);
        return text.ToString();
    }
}
