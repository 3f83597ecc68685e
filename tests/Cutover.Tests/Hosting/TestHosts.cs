using Cutover.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.Tests.Hosting;

/// <summary>Real generic hosts over a throwaway database, and the migrations folder they apply.</summary>
internal static class TestHosts
{
    /// <summary>Two pre-migrations and a post-migration. Each pre-migration appends to <c>runs</c>, so a script
    /// applied twice shows; the second records the settings its connection ran with, so a test can see which data
    /// source and which options the migrator used.</summary>
    public static readonly IReadOnlyDictionary<string, string> Scripts = new Dictionary<string, string>
    {
        ["01.00.00_01_pre_create_widgets.sql"] = """
            CREATE TABLE widgets (id int PRIMARY KEY, name text NOT NULL);
            CREATE TABLE runs (script text NOT NULL);
            INSERT INTO runs VALUES ('01');
            """,
        ["01.00.00_02_pre_record_settings.sql"] = """
            CREATE TABLE seen AS SELECT current_setting('application_name') AS application_name,
                current_setting('lock_timeout') AS lock_timeout, current_setting('statement_timeout') AS statement_timeout;
            INSERT INTO runs VALUES ('02');
            """,
        ["01.00.00_50_post_drop_name.sql"] = "ALTER TABLE widgets DROP COLUMN name;\n",
    };

    /// <summary>Writes <paramref name="scripts"/> to a new folder under the test's temporary directory.</summary>
    public static string WriteScripts(IReadOnlyDictionary<string, string> scripts)
    {
        var folder = Directory.CreateTempSubdirectory("cutover-host-").FullName;
        foreach (var (name, sql) in scripts)
        {
            File.WriteAllText(Path.Combine(folder, name), sql);
        }

        return folder;
    }

    /// <summary>A host builder with nothing but <paramref name="configuration"/> (no appsettings, environment or
    /// command line) and the log capture.</summary>
    public static HostApplicationBuilder CreateBuilder(IDictionary<string, string?> configuration, CapturedLog log)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.AddProvider(log);
        return builder;
    }

    /// <summary>Registers the application's data source the way an application does: one singleton, disposed with
    /// the container; its connections carry <paramref name="applicationName"/>.</summary>
    public static void AddDataSource(
        IServiceCollection services, ThrowawayServer server, string database, string applicationName) =>
        services.AddSingleton(_ => CreateDataSource(server, database, applicationName));

    public static NpgsqlDataSource CreateDataSource(ThrowawayServer server, string database, string applicationName) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server.ConnectionString(database))
        {
            ApplicationName = applicationName,
        }.ConnectionString);

    public static async Task<List<string>> QueryStringsAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    public static async Task<object?> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
