using System.CommandLine;
using Cutover.Cli.Output;
using Cutover.Connections;
using Cutover.Inspection;
using Cutover.Journal;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cutover.Cli.Commands;

/// <summary><c>cutover diff A B</c>: compare the structure of two live databases.</summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var left = new Argument<string>("left") { Description = "connection string or URI of the first database" };
        var right = new Argument<string>("right") { Description = "connection string or URI of the second database" };
        var json = CommonOptions.Json();
        var comparison = new ComparisonOptions();
        var command = new Command("diff", "compare the structure of two live databases (read-only)") { left, right, json };
        comparison.AddTo(command);
        command.SetAction((parseResult, ct) => Failures.GuardAsync(parseResult, parseResult.GetValue(json), async () =>
        {
            var options = comparison.Read(parseResult, JournalTableName.Default);
            var leftTarget = await ConnectionFactory.ResolveAsync(parseResult.GetValue(left), null, NullLoggerFactory.Instance, ct);
            var rightTarget = await ConnectionFactory.ResolveAsync(parseResult.GetValue(right), null, NullLoggerFactory.Instance, ct);
            await using var leftSource = ConnectionFactory.Create(leftTarget, NullLoggerFactory.Instance);
            await using var rightSource = ConnectionFactory.Create(rightTarget, NullLoggerFactory.Instance);
            var result = await SchemaCheck.CompareDatabasesAsync(
                leftSource, rightSource, Describe(leftTarget), Describe(rightTarget), options, null, ct);
            return await ComparisonOutput.WriteAsync(parseResult, result, parseResult.GetValue(json));
        }, ct));
        return command;
    }

    // host:port/database: both sides usually connect as the same user.
    private static string Describe(ResolvedConnection target) => target.DescribeServers() + "/" + target.Database;
}
