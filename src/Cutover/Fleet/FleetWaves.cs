using System.Collections.Immutable;
using System.Globalization;

namespace Cutover.Fleet;

/// <summary>How a run proceeds in waves (<c>--waves 1,10%,100%</c>): each size is cumulative, a number of targets
/// or a percentage of the run's targets; the first wave is the canary, and a wave starts only when the one before it
/// finished within the failure budget.</summary>
public sealed class FleetWaves
{
    private readonly ImmutableArray<(int Count, bool Percent)> _sizes;

    private FleetWaves(string text, ImmutableArray<(int Count, bool Percent)> sizes)
    {
        Text = text;
        _sizes = sizes;
    }

    /// <summary>One wave with every target.</summary>
    public static FleetWaves All { get; } = new("100%", [(100, true)]);

    /// <summary>As given: <c>1,10%,100%</c>.</summary>
    public string Text { get; }

    /// <summary>Parses a comma-separated list of cumulative sizes, each a count (<c>1</c>) or a percentage
    /// (<c>10%</c>), growing; targets beyond the last size form one more wave.</summary>
    /// <exception cref="FormatException">Not such a list.</exception>
    public static FleetWaves Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sizes = ImmutableArray.CreateBuilder<(int, bool)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var percent = part.EndsWith('%');
            var digits = percent ? part[..^1] : part;
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1 ||
                (percent && count > 100))
            {
                throw new FormatException(
                    $"'{text}' is not a list of waves: expected cumulative sizes such as 1,10%,100% (counts from 1, " +
                    "percentages from 1% to 100%)");
            }

            sizes.Add((count, percent));
        }

        return new FleetWaves(text, sizes.ToImmutable());
    }

    /// <summary>The wave (from 1) of each of <paramref name="total"/> targets in order.</summary>
    internal int[] Assign(int total)
    {
        var waves = new int[total];
        var start = 0;
        var wave = 0;
        foreach (var (count, percent) in _sizes)
        {
            var end = Math.Min(total, percent ? (int)Math.Ceiling(total * count / 100.0) : count);
            if (end <= start)
            {
                continue;
            }

            wave++;
            for (var i = start; i < end; i++)
            {
                waves[i] = wave;
            }

            start = end;
        }

        for (var i = start; i < total; i++)
        {
            waves[i] = wave + 1;
        }

        return waves;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
