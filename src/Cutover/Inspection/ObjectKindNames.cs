using System.Diagnostics.CodeAnalysis;

namespace Cutover.Inspection;

/// <summary>The words users read and write for each <see cref="ObjectKind"/>: <c>materialized view</c>,
/// <c>composite type</c>, <c>index</c>.</summary>
public static class ObjectKindNames
{
    /// <summary>Returns the lower-case words for <paramref name="kind"/>, as comparison output shows them.</summary>
    public static string Format(ObjectKind kind) => kind switch
    {
        ObjectKind.MaterializedView => "materialized view",
        ObjectKind.CompositeType => "composite type",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Reads a kind the way a user types it: case-insensitive, with a space, hyphen, underscore or nothing
    /// between words (<c>materialized-view</c>), singular or plural (<c>indexes</c>).</summary>
    /// <returns>Whether <paramref name="text"/> names a kind.</returns>
    public static bool TryParse(string text, [NotNullWhen(true)] out ObjectKind? kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        var squeezed = new string(text.Where(char.IsLetter).ToArray()).ToLowerInvariant();
        foreach (var candidate in Enum.GetValues<ObjectKind>())
        {
            var name = candidate.ToString().ToLowerInvariant();
            if (squeezed == name || squeezed == name + "s" || squeezed == name + "es" ||
                (name.EndsWith('y') && squeezed == name[..^1] + "ies"))
            {
                kind = candidate;
                return true;
            }
        }

        kind = null;
        return false;
    }
}
