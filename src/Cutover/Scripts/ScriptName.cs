using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Cutover.Scripts;

/// <summary>A migration file name, parsed: version, serial, phase and description. Scripts are ordered by version
/// (numerically, component by component), then serial, then description.</summary>
/// <remarks>Three grammars are accepted side by side in one folder (see <see cref="NamingStyle"/>):
/// <c>03.00.00_01_pre_add_email.sql</c>, <c>03.00.00_01_add_email.sql</c> and Pum's
/// <c>delta_1.0.1_001_add_email.sql</c>.</remarks>
public sealed partial record ScriptName : IComparable<ScriptName>
{
    private ScriptName(string fileName, ScriptVersion version, int? serial, Phase phase, string description, NamingStyle style)
    {
        FileName = fileName;
        Name = fileName[..^4];
        Version = version;
        Serial = serial;
        Phase = phase;
        Description = description;
        Style = style;
    }

    /// <summary>The file name, e.g. <c>03.00.00_01_pre_add_email.sql</c>.</summary>
    public string FileName { get; }

    /// <summary>The file name without <c>.sql</c>: the script's identity in the journal.</summary>
    public string Name { get; }

    /// <summary>The release version the script belongs to.</summary>
    public ScriptVersion Version { get; }

    /// <summary>The serial within the version (01-49 pre, 50-99 post); null for Pum delta files without one.</summary>
    public int? Serial { get; }

    /// <summary>When the script may run.</summary>
    public Phase Phase { get; }

    /// <summary>The free-text part of the name.</summary>
    public string Description { get; }

    /// <summary>Which grammar the name follows.</summary>
    public NamingStyle Style { get; }

    /// <summary>Parses a migration file name.</summary>
    /// <exception cref="FormatException">The name follows none of the grammars, or its tag contradicts its serial.</exception>
    public static ScriptName Parse(string fileName) =>
        TryParse(fileName, out var name, out var problem) ? name : throw new FormatException(problem);

    /// <summary>Parses a migration file name; on failure <paramref name="problem"/> says what is wrong.</summary>
    public static bool TryParse(
        string fileName, [NotNullWhen(true)] out ScriptName? name, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        name = null;
        problem = null;

        if (PumDeltaPattern().Match(fileName) is { Success: true } delta)
        {
            var serial = delta.Groups["serial"].Success ? ParseNumber(delta.Groups["serial"].Value) : (int?)null;
            name = new ScriptName(
                fileName, ScriptVersion.Parse(delta.Groups["version"].Value), serial, Phase.Pre,
                delta.Groups["description"].Value, NamingStyle.PumDelta);
            return true;
        }

        if (VersionedPattern().Match(fileName) is not { Success: true } match)
        {
            problem = $"'{fileName}' is not a migration name: expected VV.VV.VV_SS_pre_description.sql, " +
                "VV.VV.VV_SS_post_description.sql, VV.VV.VV_SS_description.sql or delta_X.Y.Z_NNN_description.sql";
            return false;
        }

        var number = ParseNumber(match.Groups["serial"].Value);
        if (number is < 1 or > 99)
        {
            problem = $"'{fileName}': serial {match.Groups["serial"].Value} is out of range: 01-49 are pre, 50-99 are post";
            return false;
        }

        var phaseBySerial = number < 50 ? Phase.Pre : Phase.Post;
        var tag = match.Groups["tag"];
        var description = match.Groups["description"].Value;
        if (tag.Success)
        {
            var tagged = string.Equals(tag.Value, "pre", StringComparison.OrdinalIgnoreCase) ? Phase.Pre : Phase.Post;
            if (tagged != phaseBySerial)
            {
                problem = $"'{fileName}': tag '{tag.Value}' contradicts serial {match.Groups["serial"].Value} " +
                    $"({(phaseBySerial == Phase.Pre ? "01-49 are pre" : "50-99 are post")})";
                return false;
            }
        }

        name = new ScriptName(
            fileName, ScriptVersion.Parse(match.Groups["version"].Value), number, phaseBySerial, description,
            tag.Success ? NamingStyle.Tagged : NamingStyle.Untagged);
        return true;
    }

    /// <summary>Orders by version, then serial (a missing serial first), then description.</summary>
    public int CompareTo(ScriptName? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byVersion = Version.CompareTo(other.Version);
        if (byVersion != 0)
        {
            return byVersion;
        }

        var bySerial = (Serial ?? 0).CompareTo(other.Serial ?? 0);
        return bySerial != 0 ? bySerial : string.CompareOrdinal(Description, other.Description);
    }

    /// <summary>Orders script names as they apply.</summary>
    public static bool operator <(ScriptName left, ScriptName right) => Compare(left, right) < 0;

    /// <summary>Orders script names as they apply.</summary>
    public static bool operator >(ScriptName left, ScriptName right) => Compare(left, right) > 0;

    /// <summary>Orders script names as they apply.</summary>
    public static bool operator <=(ScriptName left, ScriptName right) => Compare(left, right) <= 0;

    /// <summary>Orders script names as they apply.</summary>
    public static bool operator >=(ScriptName left, ScriptName right) => Compare(left, right) >= 0;

    /// <summary>The journal name (file name without <c>.sql</c>).</summary>
    public override string ToString() => Name;

    private static int Compare(ScriptName? left, ScriptName? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    private static int ParseNumber(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<version>\d+(?:\.\d+)*)_(?<serial>\d{2})_(?:(?<tag>pre|post)_)?(?<description>[^/\\]+)\.sql$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex VersionedPattern();

    [GeneratedRegex(@"^delta_(?<version>\d+(?:\.\d+)*)(?:_(?<serial>\d{3}))?_(?<description>[^/\\]+)\.sql$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PumDeltaPattern();
}
