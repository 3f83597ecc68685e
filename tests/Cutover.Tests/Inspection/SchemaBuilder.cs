using Cutover.Inspection;
using Npgsql;

namespace Cutover.Tests.Inspection;

/// <summary>Builds throwaway databases from SQL text and inspects them.</summary>
internal static class SchemaBuilder
{
    /// <summary>Creates a database and runs each script in it, one command per script.</summary>
    public static async Task<string> CreateAsync(ServerFixture fixture, params string[] scripts)
    {
        var database = await fixture.CreateDatabaseAsync();
        await RunAsync(fixture, database, scripts);
        return database;
    }

    public static async Task RunAsync(ServerFixture fixture, string database, params string[] scripts)
    {
        await using var dataSource = fixture.Server.CreateDataSource(database);
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        foreach (var script in scripts.Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            await using var command = new NpgsqlCommand(script, connection);
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
    }

    public static async Task<SchemaModel> InspectAsync(
        ServerFixture fixture, string database, InspectionOptions? options = null)
    {
        await using var dataSource = fixture.Server.CreateDataSource(database);
        return await new SchemaInspector(options).InspectAsync(dataSource, TestContext.Current.CancellationToken);
    }

    /// <summary>Builds two databases from a shared base plus one extra script each, in parallel, and compares
    /// them.</summary>
    public static async Task<SchemaComparison> CompareAsync(
        ServerFixture fixture, string baseSql, string leftSql, string rightSql,
        SchemaComparisonOptions? comparisonOptions = null, InspectionOptions? inspectionOptions = null)
    {
        var left = BuildAndInspectAsync(fixture, inspectionOptions, baseSql, leftSql);
        var right = BuildAndInspectAsync(fixture, inspectionOptions, baseSql, rightSql);
        return new SchemaComparer(comparisonOptions).Compare(await left, await right, "left", "right");
    }

    private static async Task<SchemaModel> BuildAndInspectAsync(
        ServerFixture fixture, InspectionOptions? options, params string[] scripts)
    {
        var database = await CreateAsync(fixture, scripts);
        return await InspectAsync(fixture, database, options);
    }
}
