namespace Cutover.Adoption;

/// <summary>Names of the tools, as users type and read them.</summary>
public static class PreviousTools
{
    /// <summary>The word <c>--from</c> takes: <c>pum</c>, <c>dbup</c>, <c>evolve</c>, <c>grate</c>,
    /// <c>flyway</c>.</summary>
    public static string CommandName(PreviousTool tool) => tool switch
    {
        PreviousTool.Pum => "pum",
        PreviousTool.DbUp => "dbup",
        PreviousTool.Evolve => "evolve",
        PreviousTool.Grate => "grate",
        PreviousTool.Flyway => "flyway",
        _ => throw new ArgumentOutOfRangeException(nameof(tool), tool, null),
    };

    /// <summary>The tool's own spelling: <c>Pum</c>, <c>DbUp</c>, <c>Evolve</c>, <c>grate</c>, <c>Flyway</c>.</summary>
    public static string DisplayName(PreviousTool tool) => tool switch
    {
        PreviousTool.Pum => "Pum",
        PreviousTool.DbUp => "DbUp",
        PreviousTool.Evolve => "Evolve",
        PreviousTool.Grate => "grate",
        PreviousTool.Flyway => "Flyway",
        _ => throw new ArgumentOutOfRangeException(nameof(tool), tool, null),
    };

    /// <summary>Parses a <see cref="CommandName"/>, in any case.</summary>
    public static bool TryParse(string? text, out PreviousTool tool)
    {
        foreach (var candidate in Enum.GetValues<PreviousTool>())
        {
            if (string.Equals(text, CommandName(candidate), StringComparison.OrdinalIgnoreCase))
            {
                tool = candidate;
                return true;
            }
        }

        tool = default;
        return false;
    }
}
