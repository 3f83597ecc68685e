using System.CommandLine;
using System.Text.Json;
using Cutover.Cli.Output;
using Cutover.PostDeploy;
using Microsoft.Extensions.Logging;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover deploy --assembly PATH --auto</c>: run post-deploy actions once, after a deploy.</summary>
internal static class DeployCommand
{
    /// <param name="loadsAssemblies">False in the native binary (<see cref="PostDeployAssemblies.IsSupported"/>), where
    /// the command refuses to run; tests pass false to see the refusal without building the binary.</param>
    public static Command Create(bool loadsAssemblies)
    {
        var connection = CommonOptions.Connection();
        var service = CommonOptions.Service();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var assemblies = new Option<string[]>("--assembly", "-a")
        {
            Description = "an assembly declaring [PostDeploy] actions (repeatable)",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var table = new Option<string>("--table")
        {
            Description = "the post-deploy journal table, schema.name",
            DefaultValueFactory = _ => "public.cutover_post_deploy",
        };
        var migrationsTable = new Option<string>("--migrations-table")
        {
            Description = "the migrations' journal, read to tell a database installed from schema.sql (actions of its " +
                "release or earlier are not needed there)",
            DefaultValueFactory = _ => "public.cutover_migrations",
        };
        var lease = new Option<TimeSpan>("--lease")
        {
            Description = "how long a claim lives without a heartbeat: a killed deploy's action is taken over this long " +
                "after its last heartbeat (e.g. 30s, 2m)",
            DefaultValueFactory = _ => TimeSpan.FromMinutes(2),
            CustomParser = result => Durations.Parse(result),
        };
        var lockWait = new Option<TimeSpan>("--lock-wait")
        {
            Description = "how long to wait while another process holds an action's claim, for it to finish or its " +
                "lease to lapse (e.g. 10m)",
            DefaultValueFactory = _ => TimeSpan.FromMinutes(10),
            CustomParser = result => Durations.Parse(result),
        };
        var stage = new Option<string?>("--stage")
        {
            Description = "with --auto, --all or --retry-failed: only the actions of this stage (before-post between " +
                "the phases, after-post after the post phase)",
        };
        stage.AcceptOnlyFromAmong("before-post", "after-post");
        var auto = new Option<bool>("--auto") { Description = "run the pending actions declared Auto = true" };
        var all = new Option<bool>("--all") { Description = "run every pending action" };
        var one = new Option<string?>("--one") { Description = "run this action now, even if it ran before" };
        var once = new Option<string?>("--once") { Description = "run this action unless it already succeeded" };
        var skip = new Option<string?>("--skip") { Description = "mark this action skipped without running it" };
        var reset = new Option<string?>("--reset") { Description = "forget this action's runs, cursor and progress" };
        var retryFailed = new Option<bool>("--retry-failed") { Description = "run failed actions again, from their saved cursor" };
        var report = new Option<bool>("--report") { Description = "show every action and its state; run nothing" };
        var tenant = new Option<string?>("--tenant") { Description = "run for this tenant only" };
        var allTenants = new Option<bool>("--all-tenants") { Description = "run for every tenant the tenant provider lists" };
        var command = new Command("deploy", "run post-deploy actions (C# code that runs once after a deploy)")
        {
            connection, service, json, verbose, assemblies, table, migrationsTable, lease, lockWait, stage, auto, all, one, once, skip, reset, retryFailed, report,
            tenant, allTenants,
        };
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, parseResult.GetValue(json), async () =>
        {
            if (!loadsAssemblies)
            {
                throw new CliInputException(PostDeployAssemblies.Refusal);
            }

            var modes = new (bool Chosen, string Name)[]
            {
                (parseResult.GetValue(auto), "--auto"), (parseResult.GetValue(all), "--all"),
                (parseResult.GetValue(one) is not null, "--one"), (parseResult.GetValue(once) is not null, "--once"),
                (parseResult.GetValue(skip) is not null, "--skip"), (parseResult.GetValue(reset) is not null, "--reset"),
                (parseResult.GetValue(retryFailed), "--retry-failed"), (parseResult.GetValue(report), "--report"),
            }.Where(m => m.Chosen).Select(m => m.Name).ToList();
            if (modes.Count != 1)
            {
                throw new CliInputException(modes.Count == 0
                    ? "deploy: say what to run: --auto, --all, --one ID, --once ID, --skip ID, --reset ID, --retry-failed or --report"
                    : $"deploy: choose one of {string.Join(", ", modes)}");
            }

            var journal = ProjectOptions.ParseTable(parseResult.GetValue(table));
            var migrationsJournal = ProjectOptions.ParseTable(parseResult.GetValue(migrationsTable));
            var leaseTime = parseResult.GetValue(lease);
            if (leaseTime < TimeSpan.FromSeconds(1))
            {
                throw new CliInputException($"deploy: --lease {leaseTime.TotalMilliseconds} ms is too short: a claim needs " +
                    "at least 1s to be renewed before it lapses");
            }

            var output = parseResult.InvocationConfiguration.Output;
            using var loggerFactory = CliLogging.Create(parseResult, parseResult.GetValue(verbose));
            var catalog = PostDeployAssemblies.LoadCatalog(parseResult.GetValue(assemblies)!);
            await using var dataSource = await ConnectionFactory.CreateForApplicationCodeAsync(
                parseResult.GetValue(connection), parseResult.GetValue(service), loggerFactory, ct);
            var executor = new PostDeployExecutor(dataSource, catalog,
                new PostDeployOptions
                {
                    JournalTable = journal,
                    MigrationsJournalTable = migrationsJournal,
                    Lease = leaseTime,
                    ClaimWait = parseResult.GetValue(lockWait),
                },
                loggerFactory: loggerFactory);
            var runner = new PostDeployRunner(executor, logger: loggerFactory.CreateLogger<PostDeployRunner>());
            var forTenant = parseResult.GetValue(tenant);
            var everyTenant = parseResult.GetValue(allTenants);

            DeployReport result;
            var exitCode = ExitCodes.Success;
            switch (modes[0])
            {
                case "--report":
                    result = DeployReport.From(await runner.ReportAsync(ct));
                    break;
                case "--skip" or "--reset":
                    var id = parseResult.GetValue(modes[0] == "--skip" ? skip : reset)!;
                    var changed = modes[0] == "--skip"
                        ? await runner.SkipAsync(id, forTenant, everyTenant, ct)
                        : await runner.ResetAsync(id, forTenant, everyTenant, ct);
                    await output.WriteLineAsync($"{id}: {(modes[0] == "--skip" ? "skipped" : "reset")} ({changed} run(s))");
                    return ExitCodes.Success;
                default:
                    var (mode, actionId) = modes[0] switch
                    {
                        "--auto" => (PostDeployMode.Auto, null),
                        "--all" => (PostDeployMode.All, null),
                        "--one" => (PostDeployMode.One, parseResult.GetValue(one)),
                        "--once" => (PostDeployMode.Once, parseResult.GetValue(once)),
                        _ => (PostDeployMode.RetryFailed, (string?)null),
                    };
                    var progress = parseResult.GetValue(json) ? null
                        : new BackfillProgressLine(output, !Console.IsOutputRedirected && output == Console.Out, TimeProvider.System);
                    var run = await runner.DeployAsync(
                        new PostDeployRequest
                        {
                            Mode = mode,
                            ActionId = actionId,
                            Tenant = forTenant,
                            AllTenants = everyTenant,
                            Stage = parseResult.GetValue(stage) switch
                            {
                                "before-post" => PostDeployStage.BeforePost,
                                "after-post" => PostDeployStage.AfterPost,
                                _ => null,
                            },
                        },
                        progress, ct);
                    progress?.Finish();
                    result = DeployReport.From(run);
                    exitCode = run.HasFailures ? ExitCodes.Failed : ExitCodes.Success;
                    break;
            }

            if (parseResult.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(result, CutoverJsonContext.Default.DeployReport));
            }
            else
            {
                result.WriteText(output);
            }

            return exitCode;
        }, ct));
        return command;
    }
}
