using System.Text;

namespace Cutover.Scripts;

/// <summary>Where one statement of a script lies: from its first token up to its last one, so without leading or
/// trailing whitespace and comments and without the terminating <c>;</c>.</summary>
/// <param name="Offset">The UTF-16 offset of the statement's first character in the script.</param>
/// <param name="Length">How many UTF-16 characters the statement spans.</param>
internal readonly record struct SqlStatement(int Offset, int Length)
{
    /// <summary>The offset just past the statement's last character.</summary>
    internal int End => Offset + Length;

    /// <summary>Returns the statement's text in the script it was split from.</summary>
    internal string TextIn(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        return script.Substring(Offset, Length);
    }

    /// <summary>Maps a server error position in this statement to an offset in the script it was split from, for
    /// <see cref="LineMap"/>.</summary>
    /// <param name="script">The script the statement was split from.</param>
    /// <param name="position">The 1-based character position PostgreSQL reports (<c>PostgresException.Position</c>)
    /// for this statement's text.</param>
    /// <remarks>PostgreSQL counts characters (Unicode code points), not UTF-16 units, so a character outside the
    /// Basic Multilingual Plane counts once here although it is two <see cref="char"/>s. A position past the end, as
    /// for "syntax error at end of input", maps to <see cref="End"/>.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> is less than 1 (0 means the server
    /// gave no position).</exception>
    internal int ScriptOffsetOf(string script, int position)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        var offset = Offset;
        for (var remaining = position - 1; remaining > 0 && offset < End; remaining--)
        {
            offset += Rune.TryGetRuneAt(script, offset, out var rune) ? rune.Utf16SequenceLength : 1;
        }

        return Math.Min(offset, End);
    }
}
