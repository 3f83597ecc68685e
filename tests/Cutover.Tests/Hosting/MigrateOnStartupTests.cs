using Cutover.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.Hosting;

/// <summary><c>AddCutover(...).MigrateOnStartup()</c> in a real generic host: what a start applies, what it leaves,
/// and how a failure or a stop ends it.</summary>
public sealed class MigrateOnStartupTests(ServerFixture fixture)
{
    [Fact]
    public async Task Start_applies_the_pending_pre_migrations_and_no_post_migration()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        var log = new CapturedLog();
        var builder = TestHosts.CreateBuilder(
            new Dictionary<string, string?> { ["Cutover:ScriptsDirectory"] = TestHosts.WriteScripts(TestHosts.Scripts) }, log);
        TestHosts.AddDataSource(builder.Services, fixture.Server, database, "app");
        builder.Services.AddCutover(builder.Configuration.GetSection("Cutover")).MigrateOnStartup();
        using var host = builder.Build();

        await host.StartAsync(ct);
        await host.StopAsync(ct);

        await using var check = fixture.Server.CreateDataSource(database);
        (await TestHosts.QueryStringsAsync(check, "SELECT name || ' ' || phase || ' ' || state FROM cutover_migrations ORDER BY name"))
            .ShouldBe(["01.00.00_01_pre_create_widgets pre succeeded", "01.00.00_02_pre_record_settings pre succeeded"]);
        // The post-migration would have dropped the column: it waits for the post phase, after the old code is gone.
        (await TestHosts.ScalarAsync(check,
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'widgets' AND column_name = 'name'"))
            .ShouldBe(1L);
        log.Single(CutoverEventIds.StartupMigrationFinished).Values["Count"].ShouldBe(2);
        log.Single(CutoverEventIds.StartupMigrationFinished).Values["Pending"].ShouldBe(1);
    }

    [Fact]
    public async Task Hosted_services_start_only_after_the_pre_phase()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        var builder = TestHosts.CreateBuilder(
            new Dictionary<string, string?> { ["Cutover:ScriptsDirectory"] = TestHosts.WriteScripts(TestHosts.Scripts) },
            new CapturedLog());
        TestHosts.AddDataSource(builder.Services, fixture.Server, database, "app");
        // Registered before AddCutover, as ASP.NET Core registers its server: StartAsync order would run it first.
        builder.Services.AddSingleton<SchemaProbe>();
        builder.Services.AddHostedService(p => p.GetRequiredService<SchemaProbe>());
        builder.Services.AddCutover(builder.Configuration.GetSection("Cutover")).MigrateOnStartup();
        using var host = builder.Build();

        await host.StartAsync(ct);
        await host.StopAsync(ct);

        host.Services.GetRequiredService<SchemaProbe>().SawWidgets.ShouldBe(true);
    }

    [Fact]
    public async Task A_failing_pre_script_stops_the_start_and_leaves_none_of_that_script()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        var scripts = new Dictionary<string, string>(TestHosts.Scripts)
        {
            ["01.00.00_03_pre_add_gadgets.sql"] = """
                CREATE TABLE gadgets (id int PRIMARY KEY);
                INSERT INTO runs VALUES ('03');
                ALTER TABLE no_such_table ADD COLUMN x int;
                """,
        };
        var log = new CapturedLog();
        var builder = TestHosts.CreateBuilder(
            new Dictionary<string, string?> { ["Cutover:ScriptsDirectory"] = TestHosts.WriteScripts(scripts) }, log);
        TestHosts.AddDataSource(builder.Services, fixture.Server, database, "app");
        builder.Services.AddSingleton<SchemaProbe>();
        builder.Services.AddHostedService(p => p.GetRequiredService<SchemaProbe>());
        builder.Services.AddCutover(builder.Configuration.GetSection("Cutover")).MigrateOnStartup();
        using var host = builder.Build();

        var error = await Should.ThrowAsync<ScriptExecutionException>(() => host.StartAsync(ct));

        error.ScriptName.ShouldBe("01.00.00_03_pre_add_gadgets");
        error.SqlState.ShouldBe(PostgresErrorCodes.UndefinedTable);
        error.Line.ShouldBe(3);
        host.Services.GetRequiredService<SchemaProbe>().Started.ShouldBeFalse();
        var failed = log.Single(CutoverEventIds.StartupMigrationFailed);
        failed.Level.ShouldBe(LogLevel.Critical);
        failed.Exception.ShouldBeSameAs(error);
        await using var check = fixture.Server.CreateDataSource(database);
        (await TestHosts.QueryStringsAsync(check, "SELECT script FROM runs ORDER BY script")).ShouldBe(["01", "02"]);
        (await TestHosts.ScalarAsync(check, "SELECT to_regclass('public.gadgets') IS NULL")).ShouldBe(true);
        // The failed script's journal row rolled back with it: the journal holds the two before it and nothing else.
        (await TestHosts.QueryStringsAsync(check, "SELECT name || ' ' || state FROM cutover_migrations ORDER BY name"))
            .ShouldBe(["01.00.00_01_pre_create_widgets succeeded", "01.00.00_02_pre_record_settings succeeded"]);
        TestContext.Current.TestOutputHelper?.WriteLine(error.Message);
    }

    [Fact]
    public async Task Stopping_the_host_while_it_waits_for_the_deploy_lock_applies_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await fixture.CreateDatabaseAsync();
        await using var dataSource = fixture.Server.CreateDataSource(database);
        // Another deployer holds the lock, so the start is still waiting when it is told to stop.
        await using var held = await DeployLock.AcquireAsync(
            c => dataSource.OpenConnectionAsync(c).AsTask(), "cutover:public.cutover_migrations", TimeSpan.Zero,
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, ct);
        var log = new CapturedLog();
        var builder = TestHosts.CreateBuilder(
            new Dictionary<string, string?> { ["Cutover:ScriptsDirectory"] = TestHosts.WriteScripts(TestHosts.Scripts) }, log);
        TestHosts.AddDataSource(builder.Services, fixture.Server, database, "app");
        builder.Services.AddCutover(builder.Configuration.GetSection("Cutover")).MigrateOnStartup();
        using var host = builder.Build();
        var starting = host.StartAsync(ct);
        await log.WhenLoggedAsync(CutoverEventIds.DeployLockWaiting, ct);

        // What SIGTERM does to a starting host: ApplicationStopping, to which the start's token is linked.
        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        await Should.ThrowAsync<OperationCanceledException>(() => starting);
        log.Single(CutoverEventIds.StartupMigrationCancelled).ShouldNotBeNull();
        (await TestHosts.ScalarAsync(dataSource, "SELECT to_regclass('public.widgets') IS NULL")).ShouldBe(true);
    }

    /// <summary>A hosted service that looks at the schema when the host starts it.</summary>
    private sealed class SchemaProbe(NpgsqlDataSource dataSource) : IHostedService
    {
        public bool Started { get; private set; }

        public bool? SawWidgets { get; private set; }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            Started = true;
            await using var command = dataSource.CreateCommand("SELECT to_regclass('public.widgets') IS NOT NULL");
            SawWidgets = (bool?)await command.ExecuteScalarAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
