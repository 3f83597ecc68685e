using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Cutover.Scripts;

/// <summary>Turns a script's bytes into text strictly: PostgreSQL rejects bytes that are not valid in the client
/// encoding (22021), and a lenient decoder would instead apply a script whose strings silently hold U+FFFD.</summary>
internal static class ScriptDecoding
{
    private static readonly byte[] s_utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Decodes <paramref name="bytes"/> as UTF-8, skipping a leading byte order mark.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="location">The file, for <paramref name="problem"/>.</param>
    /// <param name="problem">Set when the bytes are not UTF-8: where the first bad byte is, and how many bad
    /// sequences there are in all.</param>
    /// <returns>The text; bad sequences become U+FFFD (one character each, so line and column numbers agree with the
    /// problem's).</returns>
    internal static string DecodeUtf8(ReadOnlySpan<byte> bytes, string location, out ScriptProblem? problem)
    {
        problem = null;
        if (bytes.StartsWith(s_utf8Bom))
        {
            bytes = bytes[s_utf8Bom.Length..];
        }
        else if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            // Windows PowerShell 5's "> file.sql" writes UTF-16 with a byte order mark. Say so, rather than report
            // every other byte as a NUL; the text is not decoded, so no other check runs on it.
            problem = new ScriptProblem(location, 1, 1,
                $"UTF-16 text (byte order mark {FormatBytes(bytes[..2])}): scripts must be UTF-8; save the file as UTF-8");
            return "";
        }

        // A valid file costs a vectorized check and the decoding; only a bad one is walked rune by rune to say where.
        if (Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        problem = LocateFirstInvalid(bytes, location);
        return Encoding.UTF8.GetString(bytes);
    }

    private static ScriptProblem LocateFirstInvalid(ReadOnlySpan<byte> bytes, string location)
    {
        var line = 1;
        var column = 1;
        (int Line, int Column, int Offset, int Length)? first = null;
        var invalid = 0;
        var offset = 0;
        while (offset < bytes.Length)
        {
            var status = Rune.DecodeFromUtf8(bytes[offset..], out var rune, out var consumed);
            if (status == OperationStatus.Done)
            {
                if (rune.Value == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column += rune.Utf16SequenceLength;
                }
            }
            else
            {
                // consumed is the maximal invalid subsequence, which the decoder turns into a single U+FFFD.
                invalid++;
                first ??= (line, column, offset, consumed);
                column++;
            }

            offset += consumed;
        }

        var (firstLine, firstColumn, firstOffset, firstLength) = first!.Value;
        var what = firstLength == 1
            ? "invalid UTF-8 byte " + FormatBytes(bytes.Slice(firstOffset, 1))
            : "invalid UTF-8 bytes " + FormatBytes(bytes.Slice(firstOffset, firstLength));
        var more = invalid > 1
            ? string.Create(CultureInfo.InvariantCulture, $" ({invalid} invalid sequences in the file)")
            : "";
        return new ScriptProblem(location, firstLine, firstColumn,
            what + more + ": scripts must be UTF-8 (was it saved as Latin-1 or Windows-1252?)");
    }

    private static string FormatBytes(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes)
        {
            text.Append(text.Length > 0 ? " " : "").Append("0x").Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
