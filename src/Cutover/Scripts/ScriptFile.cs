namespace Cutover.Scripts;

/// <summary>A file as a source hands it over, before any parsing: its name, where it came from and its text.</summary>
/// <param name="FileName">The bare file name, e.g. <c>03.00.00_01_pre_add_email.sql</c>.</param>
/// <param name="Location">Where it lives, for messages: a path, or <c>resource:Assembly/Name</c>.</param>
/// <param name="Content">The text as read (UTF-8).</param>
public sealed record ScriptFile(string FileName, string Location, string Content)
{
    /// <summary>Why the entry cannot be used as a script although the source found it (its bytes are not UTF-8, it is
    /// a folder, it cannot be read), or null. <see cref="MigrationSet"/> lists it with every other problem, so one
    /// bad file does not hide the rest.</summary>
    public ScriptProblem? Problem { get; init; }

    /// <summary>Decodes a file read as bytes. Scripts are UTF-8; a leading UTF-8 byte order mark is skipped.</summary>
    /// <remarks>Bytes that are not UTF-8 do not throw: they set <see cref="Problem"/> (naming the line, column and
    /// byte of the first one) and <see cref="Content"/> holds the text with U+FFFD in their place, so the other
    /// checks still run on it.</remarks>
    /// <param name="fileName">The bare file name.</param>
    /// <param name="location">Where it lives, for messages.</param>
    /// <param name="bytes">The file's bytes.</param>
    public static ScriptFile FromUtf8(string fileName, string location, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(location);
        var content = ScriptDecoding.DecodeUtf8(bytes, location, out var problem);
        return new ScriptFile(fileName, location, content) { Problem = problem };
    }
}
