using System.Text.Json;
using Cutover.Tests;
using Shouldly;

namespace Cutover.Cli.Tests;

/// <summary><c>cutover adopt</c> as a user runs it: a folder of Flyway names gets Cutover names proposed, and JSON
/// for machines.</summary>
public sealed class AdoptCommandTests(ServerFixture fixture)
{
    [Fact]
    public async Task A_dry_run_on_a_folder_of_old_names_proposes_Cutover_names_and_writes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new MigrationFolder()
            .With("V1__create_accounts.sql", "CREATE TABLE accounts (id int);\n")
            .With("V1_1__add_email.sql", "ALTER TABLE accounts ADD COLUMN email text;\n");
        var database = await fixture.CreateDatabaseAsync();
        await using var dataSource = fixture.Server.CreateDataSource(database);
        await using (var history = dataSource.CreateCommand("""
            CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50),
                description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL,
                checksum int, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(),
                execution_time int NOT NULL, success boolean NOT NULL);
            INSERT INTO flyway_schema_history VALUES (1, '1', 'create accounts', 'SQL', 'V1__create_accounts.sql', NULL,
                'ops', now(), 3, true);
            CREATE TABLE accounts (id int);
            """))
        {
            await history.ExecuteNonQueryAsync(ct);
        }

        var connection = fixture.Server.ConnectionString(database);
        var text = await CliProcess.RunAsync(folder.Root,
            "adopt", "--from", "flyway", "--from-dir", "migrations", "--dry-run", "-c", connection);
        var json = await CliProcess.RunAsync(folder.Root,
            "adopt", "--from", "flyway", "--from-dir", "migrations", "--dry-run", "--json", "-c", connection);

        // The folder holds no Cutover names, so nothing can pair yet: a problem, and the names to copy the scripts to.
        text.ExitCode.ShouldBe(1, text.ToString());
        text.Error.ShouldContain("holds no usable Cutover scripts");
        text.Output.ShouldContain("cp 'migrations/V1__create_accounts.sql' 'migrations/01.00.00_01_create_accounts.sql'");
        text.Output.ShouldContain("cp 'migrations/V1_1__add_email.sql' 'migrations/01.01.00_01_add_email.sql'");
        text.Output.ShouldContain("dry run: nothing written");
        using var document = JsonDocument.Parse(json.Output);
        document.RootElement.GetProperty("from").GetString().ShouldBe("Flyway");
        document.RootElement.GetProperty("proposals").GetArrayLength().ShouldBe(2);
        document.RootElement.GetProperty("problems")[0].GetProperty("kind").GetString().ShouldBe("NoCounterpart");
        (await ServerProbe.ScalarAsync<bool>(dataSource,
            "SELECT to_regclass('public.cutover_migrations') IS NOT NULL", ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task An_unknown_tool_or_a_missing_history_is_named()
    {
        using var folder = new MigrationFolder().With("01.00.00_01_pre_a.sql", "SELECT 1;\n");
        var connection = fixture.Server.ConnectionString(await fixture.CreateDatabaseAsync());

        var unknown = await CliProcess.RunAsync(folder.Root, "adopt", "--from", "liquibase", "--from-dir", "migrations", "-c", connection);
        var missing = await CliProcess.RunAsync(folder.Root, "adopt", "--from", "dbup", "--from-dir", "migrations", "-c", connection);

        unknown.ExitCode.ShouldBe(2, unknown.ToString());
        unknown.Error.ShouldContain("'liquibase' is none of pum, dbup, evolve, grate, flyway");
        missing.ExitCode.ShouldBe(1, missing.ToString());
        missing.Error.ShouldContain("no DbUp history found");
        missing.Error.ShouldContain("public.schemaversions");
    }
}
