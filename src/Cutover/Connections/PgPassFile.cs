using System.Collections.Immutable;
using System.Text;

namespace Cutover.Connections;

/// <summary>A libpq password file (<c>~/.pgpass</c> or <c>PGPASSFILE</c>): lines of
/// <c>host:port:database:user:password</c> where <c>*</c> matches anything and <c>\:</c> and <c>\\</c> escape a colon
/// and a backslash; the first matching line wins.</summary>
/// <remarks>libpq skips a line with fewer than five fields; here such a line is an error naming the file and line, so
/// that a typo is not silently the reason a password is not found. Messages never quote a line.</remarks>
internal sealed class PgPassFile
{
    private PgPassFile(string path, ImmutableArray<PgPassEntry> entries)
    {
        Path = path;
        Entries = entries;
    }

    /// <summary>The file the entries were read from.</summary>
    public string Path { get; }

    /// <summary>The entries in file order.</summary>
    public ImmutableArray<PgPassEntry> Entries { get; }

    /// <summary>Why libpq would refuse to read the file at <paramref name="path"/>, or null when it is fine: it must
    /// be a file, and on Unix it must have no group or other permissions (0600 or less), since it holds
    /// passwords in clear.</summary>
    public static string? FindReasonToIgnore(string path)
    {
        if (Directory.Exists(path))
        {
            return "it is a folder, not a file";
        }

        // libpq does not check permissions on Windows, where the file lives under the user's own profile.
        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode groupOrOther =
                UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((File.GetUnixFileMode(path) & groupOrOther) != 0)
            {
                return "it has group or world access; permissions should be u=rw (0600) or less";
            }
        }

        return null;
    }

    /// <summary>Reads and parses the file at <paramref name="path"/>.</summary>
    /// <exception cref="ConnectionConfigurationException">A line is malformed.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    public static async Task<PgPassFile> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(text, path);
    }

    /// <summary>Parses the text of a password file; <paramref name="path"/> is used in messages.</summary>
    /// <exception cref="ConnectionConfigurationException">A line has fewer than five fields.</exception>
    public static PgPassFile Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        var entries = ImmutableArray.CreateBuilder<PgPassEntry>();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var fields = SplitFields(line);
            if (fields.Count < 5)
            {
                throw new ConnectionConfigurationException(
                    path, index + 1, "line is not host:port:database:user:password");
            }

            // libpq ends the password at the next unescaped colon and ignores the rest.
            entries.Add(new PgPassEntry(
                Pattern(fields[0]), Pattern(fields[1]), Pattern(fields[2]), Pattern(fields[3]), fields[4].Value,
                index + 1));
        }

        return new PgPassFile(path, entries.ToImmutable());
    }

    /// <summary>The first entry that matches, or null.</summary>
    public PgPassEntry? FindFirstMatch(string host, string port, string database, string user) =>
        Entries.FirstOrDefault(e => e.Matches(host, port, database, user));

    // A field is a wildcard only when it is exactly an unescaped '*'; "\*" is a literal star.
    private static string? Pattern((string Value, bool IsWildcard) field) => field.IsWildcard ? null : field.Value;

    private static List<(string Value, bool IsWildcard)> SplitFields(string line)
    {
        var fields = new List<(string Value, bool IsWildcard)>(5);
        var value = new StringBuilder();
        var raw = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length)
            {
                value.Append(line[++i]);
                raw += 2;
            }
            else if (c == ':')
            {
                fields.Add((value.ToString(), raw == 1 && value.ToString() == "*"));
                value.Clear();
                raw = 0;
            }
            else
            {
                value.Append(c);
                raw++;
            }
        }

        fields.Add((value.ToString(), raw == 1 && value.ToString() == "*"));
        return fields;
    }
}
