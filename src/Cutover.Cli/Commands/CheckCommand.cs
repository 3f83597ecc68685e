using System.CommandLine;
using System.Text.Json;
using Cutover.Cli.Output;
using Cutover.Inspection;
using Cutover.Scripts;
using Cutover.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover check</c>: schema.sql and the migrations build the same structure; with <c>--against</c>, a
/// database is what its journal says.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var directory = CommonOptions.Directory();
        var schema = CommonOptions.Schema();
        var table = CommonOptions.Table();
        var json = CommonOptions.Json();
        var comparison = new ComparisonOptions();
        var scratch = new Option<string?>("--scratch")
        {
            Description = "a server to build scratch databases on (default: a throwaway server of its own)",
        };
        var against = new Option<string?>("--against")
        {
            Description = "compare this database with what its journal says it should be (read-only)",
        };
        var command = new Command("check",
            "prove that schema.sql and the migrations build the same structure, or (--against) detect drift")
        {
            directory, schema, table, json, scratch, against,
        };
        comparison.AddTo(command);
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, parseResult.GetValue(json), async () =>
        {
            var journal = ProjectOptions.ParseTable(parseResult.GetValue(table));
            var options = comparison.Read(parseResult, journal);
            var scripts = await MigrationSet.LoadAsync(
                new DirectoryScriptSource(parseResult.GetValue(directory)!, parseResult.GetValue(schema)), ct);

            await using var throwaway = parseResult.GetValue(scratch) is null ? await ThrowawayServer.StartAsync(cancellationToken: ct) : null;
            var server = throwaway?.DatabaseServer
                ?? await ConnectionFactory.CreateServerAsync(parseResult.GetValue(scratch), null, NullLoggerFactory.Instance, ct);
            var check = new SchemaCheck(server, options);

            SchemaComparison result;
            if (parseResult.GetValue(against) is { } target)
            {
                await using var targetSource = await ConnectionFactory.CreateAsync(target, null, NullLoggerFactory.Instance, ct);
                result = await check.CompareWithJournalAsync(scripts, targetSource, ct);
            }
            else
            {
                result = await check.CompareInstallWithUpgradeAsync(scripts, ct);
            }

            return await ComparisonOutput.WriteAsync(parseResult, result, parseResult.GetValue(json));
        }, ct));
        return command;
    }
}
