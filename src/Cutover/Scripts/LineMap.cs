namespace Cutover.Scripts;

/// <summary>Maps character offsets in one script to lines and columns, for messages such as
/// <c>file.sql:14:5: ...</c>.</summary>
/// <remarks>Lines end at <c>\n</c>, so <c>\r\n</c> works too: its <c>\r</c> is the last character of its line. A lone
/// <c>\r</c> does not end a line. Built once per script in O(n); each lookup is a binary search. Immutable, so safe to
/// share between threads.</remarks>
internal sealed class LineMap
{
    private readonly int[] _lineStarts;
    private readonly int _length;

    /// <summary>Indexes the line starts of <paramref name="text"/>.</summary>
    internal LineMap(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lineStarts = new List<int> { 0 };
        for (var i = text.IndexOf('\n', StringComparison.Ordinal); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            lineStarts.Add(i + 1);
        }

        _lineStarts = [.. lineStarts];
        _length = text.Length;
    }

    /// <summary>How many lines the text has (text ending in a line break has an empty last line).</summary>
    internal int LineCount => _lineStarts.Length;

    /// <summary>Returns the 1-based line and column of <paramref name="offset"/>.</summary>
    /// <param name="offset">A 0-based UTF-16 offset; the text's length is allowed and means just past its end.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative or past the end.</exception>
    internal ScriptLocation Locate(int offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, _length);
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return new ScriptLocation(line + 1, offset - _lineStarts[line] + 1);
    }
}
