using Cutover.Execution;
using Cutover.Journal;
using Cutover.Planning;
using Cutover.Scripts;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.Journal;

/// <summary>The journal's schema must exist: a mistyped one fails before anything is applied instead of starting a
/// second, empty journal.</summary>
public sealed class JournalSchemaTests(ServerFixture fixture)
{
    private static readonly JournalTableName s_mistyped = JournalTableName.Parse("opps.journal");

    private static MigrationSet Scripts() => MigrationSet.Create("db",
    [
        new ScriptFile("01.00.00_01_pre_a.sql", "db/01.00.00_01_pre_a.sql", "CREATE TABLE a (id int);"),
        new ScriptFile("01.00.00_02_pre_b.sql", "db/01.00.00_02_pre_b.sql", "CREATE TABLE b (id int);"),
    ], new ScriptFile("schema.sql", "db/schema.sql", "CREATE TABLE a (id int); CREATE TABLE b (id int);"));

    private static UpgradeOptions All => new() { Plan = new PlanRequest(PhaseSelection.All) };

    private async Task<(NpgsqlDataSource DataSource, Migrator Migrator)> MigratorAsync(MigratorOptions options)
    {
        var dataSource = fixture.Server.CreateDataSource(await fixture.CreateDatabaseAsync());
        return (dataSource, new Migrator(dataSource, Scripts(), options));
    }

    [Fact]
    public async Task Upgrade_into_a_missing_schema_throws_and_applies_nothing()
    {
        var (dataSource, migrator) = await MigratorAsync(new MigratorOptions { JournalTable = s_mistyped });
        await using var _ = dataSource;

        var error = await Should.ThrowAsync<JournalSchemaNotFoundException>(
            () => migrator.UpgradeAsync(All, TestContext.Current.CancellationToken));

        error.Schema.ShouldBe("opps");
        error.Message.ShouldBe(
            "journal table opps.journal: schema \"opps\" does not exist; create it first, or keep the journal in an existing schema");
        (await UserRelationsAsync(dataSource)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Install_into_a_missing_schema_throws_and_changes_nothing()
    {
        var (dataSource, migrator) = await MigratorAsync(new MigratorOptions { JournalTable = s_mistyped });
        await using var _ = dataSource;

        await Should.ThrowAsync<JournalSchemaNotFoundException>(() => migrator.InstallAsync(TestContext.Current.CancellationToken));

        (await UserRelationsAsync(dataSource)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Status_of_a_missing_schema_throws_rather_than_report_an_untouched_database()
    {
        var (dataSource, migrator) = await MigratorAsync(new MigratorOptions { JournalTable = s_mistyped });
        await using var _ = dataSource;

        await Should.ThrowAsync<JournalSchemaNotFoundException>(() => migrator.GetStatusAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Journal_goes_into_an_existing_schema()
    {
        var (dataSource, migrator) = await MigratorAsync(new MigratorOptions { JournalTable = JournalTableName.Parse("ops.journal") });
        await using var _ = dataSource;
        await using (var create = dataSource.CreateCommand("CREATE SCHEMA ops"))
        {
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        (await migrator.UpgradeAsync(All, TestContext.Current.CancellationToken)).Applied.Length.ShouldBe(2);

        (await UserRelationsAsync(dataSource)).ShouldBe(["ops.journal", "public.a", "public.b"], ignoreOrder: true);
    }

    [Fact]
    public async Task Install_finds_a_journal_schema_that_schema_sql_creates()
    {
        var dataSource = fixture.Server.CreateDataSource(await fixture.CreateDatabaseAsync());
        await using var _ = dataSource;
        var scripts = MigrationSet.Create("db", [new ScriptFile("01.00.00_01_pre_a.sql", "db/a.sql", "CREATE TABLE a (id int);")],
            new ScriptFile("schema.sql", "db/schema.sql", "CREATE SCHEMA ops; CREATE TABLE a (id int);"));
        var migrator = new Migrator(dataSource, scripts, new MigratorOptions { JournalTable = JournalTableName.Parse("ops.journal") });

        await migrator.InstallAsync(TestContext.Current.CancellationToken);

        (await UserRelationsAsync(dataSource)).ShouldBe(["ops.journal", "public.a"], ignoreOrder: true);
    }

    [Fact]
    public async Task Scratch_databases_may_ask_for_the_schema_to_be_created()
    {
        var (dataSource, migrator) = await MigratorAsync(
            new MigratorOptions { JournalTable = s_mistyped, CreateMissingJournalSchema = true });
        await using var _ = dataSource;

        await migrator.UpgradeAsync(All, TestContext.Current.CancellationToken);

        (await UserRelationsAsync(dataSource)).ShouldBe(["opps.journal", "public.a", "public.b"], ignoreOrder: true);
    }

    private static async Task<List<string>> UserRelationsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
            UNION ALL
            SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname NOT IN ('public', 'pg_catalog', 'information_schema')
              AND nspname NOT LIKE 'pg\_%' AND NOT EXISTS (SELECT FROM pg_class WHERE relnamespace = pg_namespace.oid)
            """);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
