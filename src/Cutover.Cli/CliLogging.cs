using System.CommandLine;
using Cutover.Cli.Output;
using Microsoft.Extensions.Logging;

namespace Cutover.Cli;

/// <summary>Logs go to stderr: warnings by default, each script and notice with <c>--verbose</c>.</summary>
internal static class CliLogging
{
    public static ILoggerFactory Create(ParseResult parseResult, bool verbose) =>
        new TextWriterLoggerFactory(parseResult.InvocationConfiguration.Error,
            verbose ? LogLevel.Information : LogLevel.Warning);
}
