using System.Text;
using Cutover.Execution;
using Cutover.Hosting;
using Cutover.Planning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Shouldly;

namespace Cutover.Tests.Hosting;

/// <summary>What <c>services.AddCutover(...)</c> builds the migrator from: options out of configuration, the
/// application's own data source, scripts from a folder or from resources.</summary>
public sealed class AddCutoverTests(ServerFixture fixture)
{
    [Fact]
    public async Task Options_bound_from_json_configuration_reach_the_journal_and_the_server()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        await using var check = fixture.Server.CreateDataSource(database);
        await TestHosts.ScalarAsync(check, "CREATE SCHEMA ops");
        var scripts = TestHosts.WriteScripts(TestHosts.Scripts);
        // The appsettings.json shape, durations as TimeSpan text.
        var json = $$"""
            {
              "Cutover": {
                "ScriptsDirectory": {{System.Text.Json.JsonSerializer.Serialize(scripts)}},
                "JournalTable": "ops.schema_history",
                "LockTimeout": "00:00:03",
                "LockRetries": 7,
                "DeployLockWait": "00:01:30",
                "StatementTimeout": "00:10:00"
              }
            }
            """;
        var builder = TestHosts.CreateBuilder(new Dictionary<string, string?>(), new CapturedLog());
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        TestHosts.AddDataSource(builder.Services, fixture.Server, database, "app");
        builder.Services.AddCutover(builder.Configuration.GetSection(CutoverOptions.SectionName)).MigrateOnStartup();
        using var host = builder.Build();

        await host.StartAsync(ct);
        await host.StopAsync(ct);

        var options = host.Services.GetRequiredService<IOptions<CutoverOptions>>().Value;
        options.LockRetries.ShouldBe(7);
        options.DeployLockWait.ShouldBe(TimeSpan.FromSeconds(90));
        (await TestHosts.QueryStringsAsync(check, "SELECT name FROM ops.schema_history ORDER BY name"))
            .ShouldBe(["01.00.00_01_pre_create_widgets", "01.00.00_02_pre_record_settings"]);
        (await TestHosts.ScalarAsync(check, "SELECT to_regclass('public.cutover_migrations') IS NULL")).ShouldBe(true);
        (await TestHosts.QueryStringsAsync(check, "SELECT lock_timeout || ' ' || statement_timeout FROM seen"))
            .ShouldBe(["3s 10min"]);
    }

    [Fact]
    public async Task Code_configuration_runs_after_binding_and_wins()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = TestHosts.CreateBuilder(
            new Dictionary<string, string?> { ["Cutover:LockRetries"] = "7", ["Cutover:LockTimeout"] = "00:00:04" },
            new CapturedLog());
        builder.Services.AddCutover(builder.Configuration.GetSection("Cutover"), o => o.LockRetries = 1);
        using var host = builder.Build();

        await host.StartAsync(ct);
        await host.StopAsync(ct);

        var options = host.Services.GetRequiredService<IOptions<CutoverOptions>>().Value;
        options.LockRetries.ShouldBe(1);
        options.LockTimeout.ShouldBe(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Invalid_configuration_stops_the_start_naming_every_bad_key()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = TestHosts.CreateBuilder(new Dictionary<string, string?>
        {
            ["Cutover:JournalTable"] = "Ops.Journal",
            ["Cutover:LockTimeout"] = "00:00:00",
            ["Cutover:LockRetries"] = "-1",
        }, new CapturedLog());
        // No MigrateOnStartup: the options are checked as the host starts all the same, not at first use.
        builder.Services.AddCutover(builder.Configuration.GetSection("Cutover"));
        using var host = builder.Build();

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync(ct));

        error.Failures.Count().ShouldBe(3);
        error.Message.ShouldContain("Cutover:JournalTable: 'Ops.Journal' is not a journal table name");
        error.Message.ShouldContain("Cutover:LockTimeout must be more than 0");
        error.Message.ShouldContain("Cutover:LockRetries must not be negative");
    }

    [Fact]
    public async Task The_migrator_runs_on_the_data_source_registered_in_the_container()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        var builder = TestHosts.CreateBuilder(
            new Dictionary<string, string?> { ["Cutover:ScriptsDirectory"] = TestHosts.WriteScripts(TestHosts.Scripts) },
            new CapturedLog());
        TestHosts.AddDataSource(builder.Services, fixture.Server, database, "the-apps-own-pool");
        builder.Services.AddCutover(builder.Configuration.GetSection("Cutover"));
        using var host = builder.Build();
        var migrator = host.Services.GetRequiredService<Migrator>();

        await migrator.UpgradeAsync(new UpgradeOptions { Plan = new(PhaseSelection.Pre) }, ct);

        // The migrator's connections came from that data source: its application_name is on them, and they are still
        // open, idle in its pool, for the application to reuse.
        await using var check = fixture.Server.CreateDataSource(database);
        (await TestHosts.QueryStringsAsync(check, "SELECT application_name FROM seen")).ShouldBe(["the-apps-own-pool"]);
        (await TestHosts.ScalarAsync(check,
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'the-apps-own-pool'")).ShouldNotBe(0L);
        host.Services.GetRequiredService<Migrator>().ShouldBeSameAs(migrator);
    }

    [Fact]
    public async Task A_keyed_data_source_is_used_when_configuration_names_its_key()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        var builder = TestHosts.CreateBuilder(new Dictionary<string, string?>
        {
            ["Cutover:ScriptsDirectory"] = TestHosts.WriteScripts(TestHosts.Scripts),
            ["Cutover:DataSourceKey"] = "orders",
        }, new CapturedLog());
        TestHosts.AddDataSource(builder.Services, fixture.Server, database, "unkeyed");
        builder.Services.AddKeyedSingleton("orders", (_, _) =>
            TestHosts.CreateDataSource(fixture.Server, database, "orders-pool"));
        builder.Services.AddCutover(builder.Configuration.GetSection("Cutover")).MigrateOnStartup();
        using var host = builder.Build();

        await host.StartAsync(ct);
        await host.StopAsync(ct);

        await using var check = fixture.Server.CreateDataSource(database);
        (await TestHosts.QueryStringsAsync(check, "SELECT application_name FROM seen")).ShouldBe(["orders-pool"]);
    }

    [Fact]
    public async Task Embedded_scripts_of_a_library_are_applied_at_start()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        var builder = TestHosts.CreateBuilder(new Dictionary<string, string?>(), new CapturedLog());
        TestHosts.AddDataSource(builder.Services, fixture.Server, database, "app");
        builder.Services.AddCutover(o => o.JournalTable = "queue_migrations")
            .UseEmbeddedScripts(typeof(AddCutoverTests).Assembly, "hosting/migrations/", schemaResourceName: null)
            .MigrateOnStartup();
        using var host = builder.Build();

        await host.StartAsync(ct);
        await host.StopAsync(ct);

        await using var check = fixture.Server.CreateDataSource(database);
        (await TestHosts.QueryStringsAsync(check, "SELECT name FROM queue_migrations ORDER BY name"))
            .ShouldBe(["01.00.00_01_pre_create_queue_jobs", "01.00.00_02_pre_add_queued_at"]);
    }

    [Fact]
    public async Task A_missing_data_source_stops_the_start_saying_what_to_register()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = TestHosts.CreateBuilder(
            new Dictionary<string, string?> { ["Cutover:ScriptsDirectory"] = TestHosts.WriteScripts(TestHosts.Scripts) },
            new CapturedLog());
        builder.Services.AddCutover(builder.Configuration.GetSection("Cutover")).MigrateOnStartup();
        using var host = builder.Build();

        var error = await Should.ThrowAsync<InvalidOperationException>(() => host.StartAsync(ct));

        error.Message.ShouldContain("AddNpgsqlDataSource");
    }
}
