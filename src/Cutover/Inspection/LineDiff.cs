namespace Cutover.Inspection;

/// <summary>A line-by-line diff of two texts (longest common subsequence), shown with a few lines of context, so that
/// a one-line change in a long function body reads at a glance.</summary>
internal static class LineDiff
{
    // Beyond this many lines on a side the quadratic table is not worth it: both texts are shown whole.
    private const int MaximumLines = 2000;

    /// <summary>Returns lines prefixed with <c>' '</c> (both sides), <c>'-'</c> (left only) or <c>'+'</c> (right
    /// only); runs of unchanged lines longer than twice <paramref name="context"/> are shortened to <c>...</c>.</summary>
    public static IReadOnlyList<string> Unified(string left, string right, int context = 2)
    {
        var a = SplitLines(left);
        var b = SplitLines(right);
        if (a.Length > MaximumLines || b.Length > MaximumLines)
        {
            return [.. a.Select(l => "-" + l), .. b.Select(l => "+" + l)];
        }

        // lengths[i, j]: longest common subsequence of a[i..] and b[j..].
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = string.Equals(a[i], b[j], StringComparison.Ordinal)
                    ? lengths[i + 1, j + 1] + 1
                    : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var lines = new List<string>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && string.Equals(a[x], b[y], StringComparison.Ordinal))
            {
                lines.Add(" " + a[x]);
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lengths[x + 1, y] >= lengths[x, y + 1]))
            {
                // Removals before additions, as unified diffs show them.
                lines.Add("-" + a[x]);
                x++;
            }
            else
            {
                lines.Add("+" + b[y]);
                y++;
            }
        }

        return Shorten(lines, context);
    }

    private static string[] SplitLines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    private static List<string> Shorten(List<string> lines, int context)
    {
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i][0] != ' ')
            {
                for (var k = Math.Max(0, i - context); k <= Math.Min(lines.Count - 1, i + context); k++)
                {
                    keep[k] = true;
                }
            }
        }

        var result = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (keep[i])
            {
                result.Add(lines[i]);
            }
            else if (result.Count == 0 || result[^1] != " ...")
            {
                result.Add(" ...");
            }
        }

        return result;
    }
}
