using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Cutover.Cli;

/// <summary>Parses durations the way PostgreSQL settings read: <c>500ms</c>, <c>2s</c>, <c>10m</c>, <c>1h</c>; a bare
/// number is seconds.</summary>
internal static partial class Durations
{
    public static TimeSpan Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (TryParse(text, out var value))
        {
            return value;
        }

        result.AddError($"'{text}' is not a duration: use e.g. 500ms, 2s, 10m or 1h");
        return default;
    }

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        value = match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(number),
            "m" or "min" => TimeSpan.FromMinutes(number),
            "h" => TimeSpan.FromHours(number),
            _ => TimeSpan.FromSeconds(number),
        };
        return true;
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
