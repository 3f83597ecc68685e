using System.CommandLine;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover ci prepare|prune|key</c>: test databases from snapshots for CI jobs and test suites.</summary>
internal static class CiCommand
{
    public static Command Create() => new("ci", "test databases in milliseconds: snapshots of the migrations as template databases")
    {
        CiPrepareCommand.Create(),
        CiPruneCommand.Create(),
        CiKeyCommand.Create(),
    };
}
