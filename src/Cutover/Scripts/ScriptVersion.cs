using System.Collections.Immutable;
using System.Globalization;

namespace Cutover.Scripts;

/// <summary>A release version made of numeric components (<c>03.02.00</c>, <c>1.10</c>), compared component by
/// component as numbers, so <c>1.10</c> sorts after <c>1.9</c> and <c>03.02</c> equals <c>3.2</c>.</summary>
/// <remarks>Missing trailing components count as zero: <c>1.2</c> equals <c>1.2.0</c>, and both hash alike.</remarks>
public readonly record struct ScriptVersion : IComparable<ScriptVersion>
{
    private readonly ImmutableArray<int> _components;

    private ScriptVersion(ImmutableArray<int> components, string text)
    {
        _components = components;
        Text = text;
    }

    /// <summary>The numeric components, most significant first.</summary>
    public ImmutableArray<int> Components => _components.IsDefault ? [] : _components;

    /// <summary>The version as it was written (<c>03.02.00</c>), for display.</summary>
    public string Text { get => field ?? ""; init; }

    /// <summary>Parses a dotted version such as <c>03.02.00</c> or <c>1.10</c>.</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not dot-separated non-negative numbers.</exception>
    public static ScriptVersion Parse(string text) =>
        TryParse(text, out var version)
            ? version
            : throw new FormatException($"'{text}' is not a version: expected numbers separated by dots, e.g. 03.02.00");

    /// <summary>Parses a dotted version; returns false for anything else.</summary>
    public static bool TryParse(string? text, out ScriptVersion version)
    {
        version = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var parts = text.Split('.');
        var components = ImmutableArray.CreateBuilder<int>(parts.Length);
        foreach (var part in parts)
        {
            if (part.Length == 0 || part.Length > 9 || !part.All(char.IsAsciiDigit))
            {
                return false;
            }

            components.Add(int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture));
        }

        version = new ScriptVersion(components.MoveToImmutable(), text);
        return true;
    }

    /// <summary>Compares component by component as numbers; missing components are zero.</summary>
    public int CompareTo(ScriptVersion other)
    {
        var left = Components;
        var right = other.Components;
        var length = Math.Max(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            var a = i < left.Length ? left[i] : 0;
            var b = i < right.Length ? right[i] : 0;
            if (a != b)
            {
                return a.CompareTo(b);
            }
        }

        return 0;
    }

    /// <summary>True when both versions have the same numeric value, whatever their spelling.</summary>
    public bool Equals(ScriptVersion other) => CompareTo(other) == 0;

    /// <summary>A hash that agrees with <see cref="Equals(ScriptVersion)"/>: trailing zeros are ignored.</summary>
    public override int GetHashCode()
    {
        var components = Components;
        var significant = components.Length;
        while (significant > 0 && components[significant - 1] == 0)
        {
            significant--;
        }

        var hash = new HashCode();
        for (var i = 0; i < significant; i++)
        {
            hash.Add(components[i]);
        }

        return hash.ToHashCode();
    }

    /// <summary>The version as it was written.</summary>
    public override string ToString() => Text;

    /// <summary>Orders versions numerically.</summary>
    public static bool operator <(ScriptVersion left, ScriptVersion right) => left.CompareTo(right) < 0;

    /// <summary>Orders versions numerically.</summary>
    public static bool operator >(ScriptVersion left, ScriptVersion right) => left.CompareTo(right) > 0;

    /// <summary>Orders versions numerically.</summary>
    public static bool operator <=(ScriptVersion left, ScriptVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Orders versions numerically.</summary>
    public static bool operator >=(ScriptVersion left, ScriptVersion right) => left.CompareTo(right) >= 0;
}
