using System.Globalization;

namespace Cutover.Fleet;

/// <summary>One of <see cref="Count"/> slices of a fleet, for a Kubernetes Indexed Job or a CI matrix: shard
/// <see cref="Index"/> takes every <see cref="Count"/>-th target in file order, starting at the
/// <see cref="Index"/>-th.</summary>
/// <param name="Index">Which slice, from 1.</param>
/// <param name="Count">How many slices.</param>
public readonly record struct FleetShard(int Index, int Count)
{
    /// <summary>Parses <c>i/N</c> (<c>1/4</c> ... <c>4/4</c>).</summary>
    /// <exception cref="FormatException">Not <c>i/N</c> with 1 &lt;= i &lt;= N.</exception>
    public static FleetShard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length == 2 &&
            int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) &&
            count >= 1 && index >= 1 && index <= count)
        {
            return new FleetShard(index, count);
        }

        throw new FormatException($"'{text}' is not a shard: expected i/N with 1 <= i <= N, as 1/4 ... 4/4");
    }

    /// <summary>Whether the target at <paramref name="position"/> (from 0, in file order) is this shard's. Round
    /// robin rather than ranges, so that each shard gets some of every entry of the file.</summary>
    internal bool Takes(int position) => position % Count == Index - 1;

    /// <summary><c>i/N</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
