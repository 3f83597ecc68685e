using System.CommandLine;
using System.Text.Json;
using Cutover.Inspection;

namespace Cutover.Cli.Output;

/// <summary>Prints a schema comparison and turns it into an exit code: 0 equivalent, 1 different.</summary>
internal static class ComparisonOutput
{
    public static async Task<int> WriteAsync(ParseResult parseResult, SchemaComparison result, bool json)
    {
        var output = parseResult.InvocationConfiguration.Output;
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(result, CutoverJsonContext.Default.SchemaComparison));
        }
        else
        {
            result.WriteTo(output);
        }

        return result.IsEquivalent ? ExitCodes.Success : ExitCodes.Failed;
    }
}
