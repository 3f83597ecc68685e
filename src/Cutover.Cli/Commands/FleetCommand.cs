using System.CommandLine;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover fleet upgrade|resume|status|check</c>: many databases and tenant schemas, named in a fleet
/// file, in waves, resumable, spread over machines.</summary>
internal static class FleetCommand
{
    public static Command Create() => new("fleet", "upgrade, watch and check many databases and tenant schemas named in a fleet file")
    {
        FleetUpgradeCommand.Create(),
        FleetResumeCommand.Create(),
        FleetStatusCommand.Create(),
        FleetCheckCommand.Create(),
    };
}
