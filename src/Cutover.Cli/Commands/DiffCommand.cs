using System.CommandLine;
using Cutover.Cli.Output;
using Cutover.Inspection;
using Npgsql;
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
            await using var leftSource = await ConnectionFactory.CreateAsync(parseResult.GetValue(left), null, NullLoggerFactory.Instance, ct);
            await using var rightSource = await ConnectionFactory.CreateAsync(parseResult.GetValue(right), null, NullLoggerFactory.Instance, ct);
            var result = await SchemaCheck.CompareDatabasesAsync(
                leftSource, rightSource, Describe(leftSource), Describe(rightSource), options, null, ct);
            return await ComparisonOutput.WriteAsync(parseResult, result, parseResult.GetValue(json));
        }, ct));
        return command;
    }

    private static string Describe(NpgsqlDataSource dataSource)
    {
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
