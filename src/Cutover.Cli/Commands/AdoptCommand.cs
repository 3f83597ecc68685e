using System.CommandLine;
using System.Text.Json;
using Cutover.Adoption;
using Cutover.Cli.Output;
using Cutover.Journal;
using Cutover.Scripts;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover adopt --from TOOL --from-dir OLD</c>: record what another tool applied as adopted.</summary>
internal static class AdoptCommand
{
    public static Command Create()
    {
        var options = new MigrationOptions();
        var from = new Option<string>("--from")
        {
            Description = "the tool the database was migrated with: pum, dbup, evolve, grate or flyway",
            Required = true,
        };
        var fromDir = new Option<string>("--from-dir")
        {
            Description = "that tool's scripts folder, as it named them (subfolders included)",
            Required = true,
        };
        var history = new Option<string?>("--history")
        {
            Description = "that tool's history table, schema.table (default: the tool's own default)",
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "print the mapping and any problems; write nothing (proposes Cutover names for old ones)",
        };
        var command = options.AddTo(new Command("adopt",
            "record the scripts another tool applied (Pum, DbUp, Evolve, grate, Flyway) as adopted, without running them"));
        command.Options.Add(from);
        command.Options.Add(fromDir);
        command.Options.Add(history);
        command.Options.Add(dryRun);
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, options.WantsJson(parseResult), async () =>
        {
            var json = options.WantsJson(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var toolText = parseResult.GetValue(from);
            if (!PreviousTools.TryParse(toolText, out var tool))
            {
                throw new CliInputException($"--from: '{toolText}' is none of pum, dbup, evolve, grate, flyway");
            }

            var historyText = parseResult.GetValue(history);
            JournalTableName? historyTable = historyText is null ? null : ParseHistoryTable(historyText);
            var isDryRun = parseResult.GetValue(dryRun);
            var table = options.ReadTable(parseResult);
            MigrationSet scripts;
            try
            {
                scripts = await options.LoadScriptsAsync(parseResult, ct);
            }
            catch (ScriptParseException e) when (isDryRun)
            {
                // A folder of the old names is where a switch starts: a dry run says what to rename them to.
                await error.WriteLineAsync(
                    $"cutover: {parseResult.GetValue(options.Directory)} holds no usable Cutover scripts " +
                    $"({e.Problems.Length} problem(s), first: {e.Problems[0]}); proposing names instead");
                scripts = MigrationSet.Create(parseResult.GetValue(options.Directory)!, [], null);
            }

            await using var session = await options.OpenAsync(parseResult, table, scripts, ct);
            var result = await session.Migrator.AdoptAsync(new AdoptionOptions
            {
                From = tool,
                PreviousScriptsFolder = parseResult.GetValue(fromDir)!,
                HistoryTable = historyTable,
                DryRun = isDryRun,
            }, ct);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(result, CutoverJsonContext.Default.AdoptionResult));
            }
            else
            {
                await AdoptionReport.WriteAsync(output, result, parseResult.GetValue(fromDir)!,
                    parseResult.GetValue(options.Directory)!);
            }

            return result.Problems.IsEmpty ? ExitCodes.Success : ExitCodes.Failed;
        }, ct));
        return command;
    }

    /// <summary><c>schema.table</c> or <c>table</c> (schema <c>public</c>), in the case the other tool used: grate's
    /// tables are <c>"ScriptsRun"</c>.</summary>
    private static JournalTableName ParseHistoryTable(string text)
    {
        var parts = text.Split('.');
        if (parts.Length > 2 || parts.Any(p => p.Length == 0 || p.Contains('"', StringComparison.Ordinal)))
        {
            throw new CliInputException($"--history: '{text}' is not schema.table");
        }

        return parts.Length == 1 ? new JournalTableName("public", parts[0]) : new JournalTableName(parts[0], parts[1]);
    }
}
