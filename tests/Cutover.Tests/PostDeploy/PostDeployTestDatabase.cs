using Cutover.PostDeploy;
using Cutover.Testing;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.Tests.PostDeploy;

/// <summary>Shortcuts for post-deploy tests: a fresh database with the <c>effects</c> table, runners over their own
/// data sources, and an <c>items</c> table to backfill.</summary>
public static class PostDeployTestDatabase
{
    public static async Task<string> CreateAsync(ServerFixture fixture)
    {
        var database = await fixture.CreateDatabaseAsync();
        await using var dataSource = fixture.Server.CreateDataSource(database);
        await using var command = dataSource.CreateCommand(Effects.CreateTable);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return database;
    }

    /// <summary>A data source whose connections carry <paramref name="applicationName"/>, so a test can find and
    /// terminate one node's backends.</summary>
    public static NpgsqlDataSource CreateDataSource(ThrowawayServer server, string database, string applicationName) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server.ConnectionString(database))
        {
            ApplicationName = applicationName,
        }.ConnectionString);

    public static async Task CreateItemsAsync(NpgsqlDataSource dataSource, long rows, string table = "items")
    {
        await using var command = dataSource.CreateCommand($"""
            CREATE TABLE {table} (id bigint PRIMARY KEY, counter int NOT NULL DEFAULT 0, note text);
            INSERT INTO {table} (id) SELECT g FROM generate_series(1, {rows}) AS g;
            ANALYZE {table};
            """);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public static PostDeployRunner CreateRunner(
        NpgsqlDataSource dataSource, PostDeployCatalog catalog, string host, TimeProvider? time = null,
        IServiceProvider? services = null, PostDeployOptions? options = null, ILoggerFactory? loggerFactory = null,
        IPostDeployTenantProvider? tenants = null) =>
        new(new PostDeployExecutor(
            dataSource, catalog, (options ?? new PostDeployOptions()) with { HostName = host }, services, tenants, time,
            loggerFactory));
}
