using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Cutover.Connections;

/// <summary>A libpq connection service file (<c>~/.pg_service.conf</c>, <c>pg_service.conf</c>): INI sections named
/// after services, each holding libpq <c>keyword=value</c> lines.</summary>
/// <remarks>As in libpq, blank lines and lines starting with <c>#</c> are ignored, a service defined twice keeps its
/// first definition, and within a service the first line for a keyword wins. Unlike libpq, which checks only the
/// section it is looking for, every line is checked, so a mistake is reported even in a service not used today.
/// Keywords are checked against libpq's list when a service is used.</remarks>
internal sealed class PgServiceFile
{
    private readonly FrozenDictionary<string, ImmutableArray<ConnectionSetting>> _services;

    private PgServiceFile(string path, FrozenDictionary<string, ImmutableArray<ConnectionSetting>> services)
    {
        Path = path;
        _services = services;
    }

    /// <summary>The file the services were read from.</summary>
    public string Path { get; }

    /// <summary>Reads and parses the file at <paramref name="path"/>; null when there is no such file (libpq skips
    /// a missing service file silently).</summary>
    /// <exception cref="ConnectionConfigurationException">The file is malformed or cannot be read.</exception>
    public static async Task<PgServiceFile?> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConnectionConfigurationException(path + ": cannot read the service file: " + e.Message, e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses the text of a service file; <paramref name="path"/> is used in messages.</summary>
    /// <exception cref="ConnectionConfigurationException">A line is neither a section header, nor
    /// <c>keyword=value</c> inside a section, nor blank or a comment.</exception>
    public static PgServiceFile Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        var services = new Dictionary<string, ImmutableArray<ConnectionSetting>.Builder>(StringComparer.Ordinal);
        ImmutableArray<ConnectionSetting>.Builder? current = null;
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var lineNumber = index + 1;
            var line = lines[index].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[')
            {
                if (line.Length < 3 || line[^1] != ']')
                {
                    throw new ConnectionConfigurationException(path, lineNumber, "section header is not [service-name]");
                }

                var name = line[1..^1];

                // A repeated section is not used: libpq stops at the first section with the name it looks for.
                current = services.TryAdd(name, ImmutableArray.CreateBuilder<ConnectionSetting>())
                    ? services[name]
                    : ImmutableArray.CreateBuilder<ConnectionSetting>();
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                // The line is not quoted: it may be a stray password.
                throw new ConnectionConfigurationException(path, lineNumber, "line is not keyword=value");
            }

            if (current is null)
            {
                throw new ConnectionConfigurationException(
                    path, lineNumber, "keyword=value before the first [service-name] section");
            }

            var keyword = line[..equals].TrimEnd();
            if (keyword == LibpqParameters.Service)
            {
                throw new ConnectionConfigurationException(
                    path, lineNumber, "a service cannot name another service (nested services are not supported)");
            }

            current.Add(new ConnectionSetting(keyword, line[(equals + 1)..].TrimStart(), path, lineNumber));
        }

        return new PgServiceFile(
            path, services.ToFrozenDictionary(s => s.Key, s => s.Value.ToImmutable(), StringComparer.Ordinal));
    }

    /// <summary>The settings of service <paramref name="name"/> in file order, when the file defines it.</summary>
    public bool TryGetService(string name, out ImmutableArray<ConnectionSetting> settings) =>
        _services.TryGetValue(name, out settings);
}
