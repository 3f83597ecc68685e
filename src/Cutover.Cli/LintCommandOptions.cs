using System.CommandLine;
using System.Text.Json;
using Cutover.Cli.Output;
using Cutover.Execution;
using Cutover.Planning;
using Cutover.Safety;
using Cutover.Scripts;
using Microsoft.Extensions.Logging;

namespace Cutover.Cli;

/// <summary>The options of <c>cutover lint</c>; <c>--connection</c> names the database whose pending scripts
/// <c>--only pending</c> lints.</summary>
internal sealed class LintCommandOptions : ProjectOptions
{
    public Argument<string[]> Files { get; } = new("FILE")
    {
        Description = "scripts of the migrations folder to lint (default: every script, or --only)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> Scratch { get; } = new("--scratch")
    {
        Description = "a server to build scratch databases and snapshots on (default: a throwaway server of its own)",
    };

    public Option<string> Only { get; } = new("--only")
    {
        Description = "all: every script; pending: the scripts the database of --connection has not applied",
        DefaultValueFactory = _ => "all",
    };

    public Option<string?> Format { get; } = new("--format")
    {
        Description = "text (default), json, sarif (SARIF 2.1.0) or github (workflow annotations)",
    };

    public string ReadFormat(ParseResult parseResult) => (parseResult.GetValue(Format), WantsJson(parseResult)) switch
    {
        (null, true) => "json",
        (null, false) => "text",
        (var f and ("text" or "json" or "sarif" or "github"), _) => f,
        (var other, _) => throw new CliInputException($"--format: '{other}' is not a format: expected text, json, sarif or github"),
    };

    /// <summary>The scripts to lint: the FILE arguments, the database's pending scripts, or all (empty).</summary>
    public async Task<IReadOnlyCollection<string>?> ReadOnlyAsync(
        ParseResult parseResult, IScriptSource source, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var files = parseResult.GetValue(Files) ?? [];
        switch (parseResult.GetValue(Only))
        {
            case "all":
                return files.Length == 0 ? null : files;
            case "pending" when files.Length > 0:
                throw new CliInputException("--only pending lints the database's pending scripts: give no FILE with it");
            case "pending" when !HasConnection(parseResult):
                throw new CliInputException("--only pending needs the database: give --connection or --service");
            case "pending":
                var scripts = await MigrationSet.LoadAsync(source, cancellationToken);
                await using (var dataSource = await CreateDataSourceAsync(parseResult, loggerFactory, cancellationToken))
                {
                    var migrator = new Migrator(dataSource, scripts, new MigratorOptions { JournalTable = ReadTable(parseResult) },
                        loggerFactory.CreateLogger<Migrator>());
                    var status = await migrator.GetStatusAsync(cancellationToken);
                    return [.. status.Scripts.Where(s => s.State == ScriptState.Pending).Select(s => s.Name)];
                }

            case var other:
                throw new CliInputException($"--only: '{other}' is not a choice: expected pending or all");
        }
    }

    public static async Task WriteAsync(ParseResult parseResult, string format, LintResult result)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var report = LintReport.From(result);
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        switch (format)
        {
            case "json":
                text.WriteLine(JsonSerializer.Serialize(report, CutoverJsonContext.Default.LintReport));
                break;
            case "sarif":
                var version = typeof(Linter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
                text.WriteLine(JsonSerializer.Serialize(SarifLog.From(result, version), CutoverJsonContext.Default.SarifLog));
                break;
            case "github":
                report.WriteGitHub(text);
                break;
            default:
                report.WriteText(text);
                break;
        }

        await output.WriteAsync(text.ToString());
    }

    protected override IEnumerable<Option> MoreOptions() => [Scratch, Only, Format];
}
