using Cutover.Adoption;
using Cutover.Execution;
using Cutover.Scripts;
using DbUp;
using Shouldly;

namespace Cutover.Tests.Adoption;

/// <summary>DbUp (the real dbup-postgresql) runs the first 20 Procrastinate scripts under its names; Cutover adopts
/// them from <c>public.schemaversions</c>.</summary>
public sealed class DbUpAdoptionTests(ServerFixture fixture)
{
    private static string DbUpName(int index, MigrationScript script) =>
        $"{index + 1:000}_{script.Name.Description}.sql";

    private static void RunDbUp(string connectionString, string folder, int count)
    {
        // DbUp runs a folder in name order; the filter stops it where the team switched.
        var allowed = Directory.GetFiles(folder, "*.sql").Order(StringComparer.Ordinal).Take(count)
            .ToHashSet(StringComparer.Ordinal);
        var result = DeployChanges.To.PostgresqlDatabase(connectionString)
            .WithScriptsFromFileSystem(folder, allowed.Contains)
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        result.Successful.ShouldBeTrue(result.Error?.Message);
    }

    /// <summary>Procrastinate's scripts (the first <paramref name="copied"/>, all when null) under DbUp's names in a
    /// new folder, and a new database where the real DbUp ran the first <paramref name="ran"/>.</summary>
    private async Task<(MigrationSet Scripts, string Folder, string Database)> DbUpRanAsync(int ran, int? copied)
    {
        var scripts = await ProcrastinateSwitch.LoadAsync();
        var folder = ProcrastinateSwitch.CopyRenamed(scripts, DbUpName, copied);
        var database = await fixture.CreateDatabaseAsync();
        RunDbUp(fixture.Server.ConnectionString(database), folder, ran);
        return (scripts, folder, database);
    }

    [Fact]
    public async Task What_DbUp_ran_is_adopted_and_upgrade_applies_the_rest()
    {
        var (scripts, folder, database) = await DbUpRanAsync(ProcrastinateSwitch.Ran, copied: null);

        var result = await ProcrastinateSwitch.AdoptAndUpgradeAsync(fixture, database, scripts,
            new AdoptionOptions { From = PreviousTool.DbUp, PreviousScriptsFolder = folder });

        result.HistoryTable.ShouldBe("public.schemaversions");
        result.Adopted[0].PreviousFile.ShouldBe("001_initial.sql");
        result.Adopted.ShouldAllBe(a => a.AppliedAt != null);
    }

    [Fact]
    public async Task A_journal_an_earlier_Cutover_created_is_widened_in_the_adopting_transaction()
    {
        var ct = TestContext.Current.CancellationToken;
        var (scripts, folder, database) = await DbUpRanAsync(3, copied: 3);
        await using var dataSource = fixture.Server.CreateDataSource(database);

        // The journal as Cutover created it before adopt existed: no adopted_from, and a kind check without 'adopted'.
        await using (var old = dataSource.CreateCommand("""
            CREATE TABLE public.cutover_migrations (
                name text PRIMARY KEY, version text NOT NULL, serial integer,
                phase text NOT NULL CHECK (phase IN ('pre', 'post')), checksum text NOT NULL,
                kind text NOT NULL CHECK (kind IN ('applied', 'baseline', 'schema')),
                state text NOT NULL CHECK (state IN ('succeeded', 'running', 'failed')),
                applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL, duration_ms bigint,
                tool_version text NOT NULL, error text)
            """))
        {
            await old.ExecuteNonQueryAsync(ct);
        }

        var result = await new Migrator(dataSource, scripts)
            .AdoptAsync(new AdoptionOptions { From = PreviousTool.DbUp, PreviousScriptsFolder = folder }, ct);

        result.NewlyRecorded.ShouldBe(3);
        await using var rows = dataSource.CreateCommand(
            "SELECT count(*) FROM public.cutover_migrations WHERE kind = 'adopted' AND adopted_from LIKE 'dbup public.schemaversions #%'");
        ((long)(await rows.ExecuteScalarAsync(ct))!).ShouldBe(3);
        await using var bad = dataSource.CreateCommand("UPDATE public.cutover_migrations SET kind = 'nonsense'");
        (await Should.ThrowAsync<Npgsql.PostgresException>(() => bad.ExecuteNonQueryAsync(ct))).SqlState.ShouldBe("23514");
    }

    [Fact]
    public async Task A_first_upgrade_on_a_database_DbUp_migrated_is_refused_until_adopted()
    {
        var ct = TestContext.Current.CancellationToken;
        var (scripts, folder, database) = await DbUpRanAsync(3, copied: 3);
        await using var dataSource = fixture.Server.CreateDataSource(database);
        var migrator = new Migrator(dataSource, scripts);
        var all = new UpgradeOptions { Plan = new Cutover.Planning.PlanRequest(Cutover.Planning.PhaseSelection.All) };

        // Forgetting adopt would run DbUp's three scripts again: refused, for real and in a dry run, naming the way out.
        var refused = await Should.ThrowAsync<MigrationRefusedException>(() => migrator.UpgradeAsync(all, ct));
        await Should.ThrowAsync<MigrationRefusedException>(() => migrator.UpgradeAsync(all with { DryRun = true }, ct));
        refused.Message.ShouldContain("DbUp's history public.schemaversions");
        refused.Message.ShouldContain("cutover adopt --from dbup --history public.schemaversions");
        (await ProcrastinateSwitch.JournalExistsAsync(dataSource)).ShouldBeFalse();

        // Told to go ahead, it does, and fails on what DbUp already built, as promised.
        await Should.ThrowAsync<ScriptExecutionException>(() => migrator.UpgradeAsync(all with { IgnoreOtherHistory = true }, ct));

        await migrator.AdoptAsync(new AdoptionOptions { From = PreviousTool.DbUp, PreviousScriptsFolder = folder }, ct);
        (await migrator.UpgradeAsync(all, ct)).Applied.Length.ShouldBe(scripts.Scripts.Length - 3);
    }

    [Fact]
    public async Task Concurrent_adopts_and_upgrades_record_each_script_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var (scripts, folder, database) = await DbUpRanAsync(ProcrastinateSwitch.Ran, copied: null);
        await using var dataSource = fixture.Server.CreateDataSource(database);
        var adoption = new AdoptionOptions { From = PreviousTool.DbUp, PreviousScriptsFolder = folder };
        var all = new UpgradeOptions { Plan = new Cutover.Planning.PlanRequest(Cutover.Planning.PhaseSelection.All) };

        // Four deployers adopt while two others upgrade: the deploy lock orders them. An upgrade that gets the lock
        // before any adopt is refused (DbUp's history, no journal); one that comes after applies the other 18.
        var adopts = Enumerable.Range(0, 4).Select(_ => Task.Run(() => new Migrator(dataSource, scripts).AdoptAsync(adoption, ct), ct));
        var upgrades = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            try
            {
                return (await new Migrator(dataSource, scripts).UpgradeAsync(all, ct)).Applied.Length;
            }
            catch (MigrationRefusedException)
            {
                return -1;
            }
        }, ct)).ToList();
        var adopted = await Task.WhenAll(adopts);
        var applied = await Task.WhenAll(upgrades);

        adopted.Sum(a => a.NewlyRecorded).ShouldBe(ProcrastinateSwitch.Ran, "one adopt records, the others find it done");
        applied.Where(a => a >= 0).Sum().ShouldBeLessThanOrEqualTo(scripts.Scripts.Length - ProcrastinateSwitch.Ran);
        var last = await new Migrator(dataSource, scripts).UpgradeAsync(all, ct);
        (applied.Where(a => a >= 0).Sum() + last.Applied.Length).ShouldBe(scripts.Scripts.Length - ProcrastinateSwitch.Ran);
        await using var kinds = dataSource.CreateCommand(
            "SELECT count(*) FILTER (WHERE kind = 'adopted'), count(*) FILTER (WHERE kind = 'applied') FROM cutover_migrations");
        await using var reader = await kinds.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        reader.GetInt64(0).ShouldBe(ProcrastinateSwitch.Ran);
        reader.GetInt64(1).ShouldBe(scripts.Scripts.Length - ProcrastinateSwitch.Ran);
    }

    [Fact]
    public async Task A_gap_the_folder_would_fill_out_of_order_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (scripts, folder, database) = await DbUpRanAsync(5, copied: 5);

        // The team's history skipped the fourth script: DbUp ran 1-3 and 5, and Cutover's folder has all five.
        await using var dataSource = fixture.Server.CreateDataSource(database);
        await using (var command = dataSource.CreateCommand("DELETE FROM schemaversions WHERE scriptname LIKE '004_%'"))
        {
            await command.ExecuteNonQueryAsync(ct);
        }

        var error = await Should.ThrowAsync<AdoptionRefusedException>(() => new Migrator(dataSource,
                scripts.Where(s => scripts.Scripts.IndexOf(s) < 5))
            .AdoptAsync(new AdoptionOptions { From = PreviousTool.DbUp, PreviousScriptsFolder = folder }, ct));

        var problem = error.Problems.ShouldHaveSingleItem();
        problem.Kind.ShouldBe(AdoptionProblemKind.OutOfOrder);
        problem.Subject.ShouldEndWith(scripts.Scripts[3].Name.FileName);
        (await ProcrastinateSwitch.JournalExistsAsync(dataSource)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_script_DbUp_ran_whose_text_is_in_no_Cutover_script_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (scripts, folder, database) = await DbUpRanAsync(3, copied: 3);

        // DbUp records no checksum: the text is edited after it ran, so nothing in Cutover's folder matches it.
        var edited = Path.Combine(folder, DbUpName(1, scripts.Scripts[1]));
        await File.AppendAllTextAsync(edited, "\n-- edited after the run\n", ct);
        await using var dataSource = fixture.Server.CreateDataSource(database);

        var error = await Should.ThrowAsync<AdoptionRefusedException>(() => new Migrator(dataSource, scripts)
            .AdoptAsync(new AdoptionOptions { From = PreviousTool.DbUp, PreviousScriptsFolder = folder }, ct));

        error.Problems.ShouldContain(p => p.Kind == AdoptionProblemKind.NoCounterpart && p.Subject == edited);
        error.Message.ShouldContain(edited);
        (await ProcrastinateSwitch.JournalExistsAsync(dataSource)).ShouldBeFalse();
    }
}
