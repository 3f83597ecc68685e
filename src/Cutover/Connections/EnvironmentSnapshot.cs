using System.Collections;
using System.Collections.Frozen;

namespace Cutover.Connections;

/// <summary>Takes the process environment once, at the edge of a program, so that everything below it reads a plain
/// dictionary that tests can build by hand.</summary>
public static class EnvironmentSnapshot
{
    /// <summary>Copies the current process's environment variables.</summary>
    /// <returns>An immutable dictionary; names compare ordinally on Unix (where <c>PGHOST</c> and <c>pghost</c>
    /// differ) and ignoring case on Windows, as the operating system does.</returns>
    public static IReadOnlyDictionary<string, string> Capture()
    {
        var comparer = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var variables = new Dictionary<string, string>(comparer);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value)
            {
                variables[name] = value;
            }
        }

        return variables.ToFrozenDictionary(comparer);
    }
}
