using System.CommandLine;
using System.Text.Json;
using Cutover.Cli.Output;
using System.Collections.Immutable;
using Cutover.Execution;
using Cutover.Planning;
using Cutover.PostDeploy;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover upgrade --phase pre|post|all</c>: apply pending migrations of a phase.</summary>
internal static class UpgradeCommand
{
    public static Command Create()
    {
        var options = new MigrationOptions();
        var phase = new PhaseOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "show what would be applied; apply nothing" };
        var ignoreOtherHistory = new Option<bool>("--ignore-other-history")
        {
            Description = "on a database without a journal, apply every script even though another tool's history is there",
        };
        var assemblies = new Option<string[]>("--assembly", "-a")
        {
            Description = "an assembly declaring [PostDeploy] actions: its before-post actions hold back the post phase " +
                "until they succeeded (repeatable; actions recorded in the post-deploy journal hold it back anyway)",
            AllowMultipleArgumentsPerToken = true,
        };
        var postDeployTable = new Option<string>("--post-deploy-table")
        {
            Description = "the post-deploy journal the post phase's gate reads, schema.name",
            DefaultValueFactory = _ => "public.cutover_post_deploy",
        };
        var ignoreGates = new Option<bool>("--ignore-gates")
        {
            Description = "run the post phase even while a before-post action has not succeeded",
        };
        var command = options.AddTo(new Command("upgrade", "apply pending migrations of a phase"));
        phase.AddTo(command);
        command.Options.Add(dryRun);
        command.Options.Add(ignoreOtherHistory);
        command.Options.Add(assemblies);
        command.Options.Add(postDeployTable);
        command.Options.Add(ignoreGates);
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, options.WantsJson(parseResult), async () =>
        {
            var json = options.WantsJson(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            var request = phase.Read(parseResult);
            var gated = request.Phase != PhaseSelection.Pre && !parseResult.GetValue(ignoreGates);
            var paths = parseResult.GetValue(assemblies) ?? [];
            var postDeployJournal = ProjectOptions.ParseTable(parseResult.GetValue(postDeployTable));
            // Input errors first: the assemblies load before any connection opens.
            var catalog = gated && paths.Length > 0
                ? PostDeployAssemblies.LoadCatalog(paths, PostDeployAssemblies.UpgradeRefusal)
                : null;
            await using var session = await options.OpenAsync(parseResult, ct);
            ImmutableArray<IPostPhaseGate> gates = gated
                ?
                [
                    new BeforePostActionsGate(session.DataSource, catalog, new PostDeployOptions
                    {
                        JournalTable = postDeployJournal,
                        MigrationsJournalTable = options.ReadTable(parseResult),
                    }),
                ]
                : [];
            var result = await session.Migrator.UpgradeAsync(new UpgradeOptions
            {
                Plan = request,
                DryRun = parseResult.GetValue(dryRun),
                IgnoreOtherHistory = parseResult.GetValue(ignoreOtherHistory),
                Gates = gates,
                Progress = json ? null : new ProgressLines(output),
            }, ct);
            var report = UpgradeReport.From(result);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, CutoverJsonContext.Default.UpgradeReport));
            }
            else
            {
                report.WriteText(output);
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
