using System.CommandLine;
using System.Text.Json;
using Cutover.Cli.Output;
using Cutover.Connections;
using Cutover.Execution;
using Cutover.Journal;
using Cutover.PostDeploy;
using Cutover.Scripts;

namespace Cutover.Cli;

/// <summary>The CLI boundary: turns Cutover's exceptions into a one-line message on stderr and a documented exit
/// code. Anything else is a bug and keeps its stack trace.</summary>
internal static class Failures
{
    public static async Task<int> GuardAsync(
        ParseResult parseResult, bool json, Func<Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await parseResult.InvocationConfiguration.Error.WriteLineAsync("cutover: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (CutoverException e)
        {
            var code = ExitCodeFor(e);
            await parseResult.InvocationConfiguration.Error.WriteLineAsync(e.Message);
            if (json)
            {
                var report = new ErrorReport(e.GetType().Name.Replace("Exception", "", StringComparison.Ordinal), code, e.Message);
                await parseResult.InvocationConfiguration.Output.WriteLineAsync(
                    JsonSerializer.Serialize(report, CutoverJsonContext.Default.ErrorReport));
            }

            return code;
        }
    }

    public static int ExitCodeFor(CutoverException exception) => exception switch
    {
        ScriptParseException or CliInputException or ConnectionConfigurationException or
            JournalSchemaNotFoundException or ForeignJournalTableException or
            Cutover.Fleet.FleetFileException or Cutover.Fleet.FleetRunNotFoundException or PostDeployActionNotFoundException or PostDeployDefinitionException =>
            ExitCodes.InputError,
        DatabaseUnavailableException or DeployLockTimeoutException => ExitCodes.Unavailable,
        _ => ExitCodes.Failed,
    };
}
