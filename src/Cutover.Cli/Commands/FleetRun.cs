using System.CommandLine;
using System.Text.Json;
using Cutover.Cli.Output;
using Cutover.Fleet;

namespace Cutover.Cli.Commands;

/// <summary>What <c>fleet upgrade</c> and <c>fleet resume</c> share: run, print, pick the exit code.</summary>
internal static class FleetRun
{
    public static async Task<int> RunAsync(
        ParseResult parseResult, FleetCommandOptions options, FleetUpgradeOptions request, CancellationToken ct)
    {
        var json = options.WantsJson(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        var (runner, logs) = await options.OpenAsync(parseResult, ct);
        using var _ = logs;
        await using var __ = runner;
        using var progress = json ? null : new FleetProgressLines(output, FleetProgressLines.IsTerminal(output));
        var result = await runner.UpgradeAsync(request with { Progress = progress }, ct);
        progress?.Dispose();
        var report = FleetReport.From(result);
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(report, CutoverJsonContext.Default.FleetReport));
        }
        else
        {
            report.WriteText(output, parseResult.GetValue(options.Fleet)!);
        }

        return result.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
    }

    public static T Parse<T>(string text, Func<string, T> parse, string option) => Guard(() => parse(text), option);

    public static int? NotNegative(int? value, string option) =>
        value is < 0 ? throw new CliInputException($"{option}: {value} is negative") : value;

    public static KeyValuePair<string, string> ParseLabel(string text)
    {
        var at = text.IndexOf('=', StringComparison.Ordinal);
        return at > 0
            ? new(text[..at].Trim(), text[(at + 1)..].Trim())
            : throw new CliInputException($"--select: '{text}' is not label=value");
    }

    private static T Guard<T>(Func<T> parse, string option)
    {
        try
        {
            return parse();
        }
        catch (FormatException e)
        {
            throw new CliInputException($"{option}: {e.Message}");
        }
    }
}
