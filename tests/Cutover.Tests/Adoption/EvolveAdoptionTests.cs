using Cutover.Adoption;
using Cutover.Execution;
using Cutover.Scripts;
using EvolveDb;
using EvolveDb.Dialect;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.Adoption;

/// <summary>Evolve (the real one, 3.2.0) runs the first 20 Procrastinate scripts as <c>V1__initial.sql</c> ...;
/// Cutover adopts them from <c>public.changelog</c>, checking Evolve's MD5 checksums.</summary>
public sealed class EvolveAdoptionTests(ServerFixture fixture)
{
    private static string EvolveName(int index, MigrationScript script) => $"V{index + 1}__{script.Name.Description}.sql";

    private static void RunEvolve(string connectionString, string folder, int count)
    {
        using var connection = new NpgsqlConnection(connectionString);
        new Evolve(connection, _ => { }, DBMS.PostgreSQL)
        {
            Locations = [folder],
            TargetVersion = new(count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            IsEraseDisabled = true,
        }.Migrate();
    }

    [Fact]
    public async Task What_Evolve_ran_is_adopted_and_upgrade_applies_the_rest()
    {
        var scripts = await ProcrastinateSwitch.LoadAsync();
        var folder = ProcrastinateSwitch.CopyRenamed(scripts, EvolveName);
        var database = await fixture.CreateDatabaseAsync();
        RunEvolve(fixture.Server.ConnectionString(database), folder, ProcrastinateSwitch.Ran);

        var result = await ProcrastinateSwitch.AdoptAndUpgradeAsync(fixture, database, scripts,
            new AdoptionOptions { From = PreviousTool.Evolve, PreviousScriptsFolder = folder });

        result.HistoryTable.ShouldBe("public.changelog");
        result.Adopted[^1].PreviousFile.ShouldBe(EvolveName(19, scripts.Scripts[19]));
    }

    [Fact]
    public async Task A_script_changed_since_Evolve_ran_it_is_refused_by_its_checksum()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await ProcrastinateSwitch.LoadAsync();
        var folder = ProcrastinateSwitch.CopyRenamed(scripts, EvolveName, 3);
        var database = await fixture.CreateDatabaseAsync();
        RunEvolve(fixture.Server.ConnectionString(database), folder, 3);

        // Changed in both folders alike, so only Evolve's checksum can tell.
        var changed = Path.Combine(folder, EvolveName(2, scripts.Scripts[2]));
        await File.AppendAllTextAsync(changed, "\n-- changed\n", ct);
        var cutoverFolder = Directory.CreateTempSubdirectory("cutover-adopt-").FullName;
        foreach (var script in scripts.Scripts)
        {
            File.Copy(script.Location, Path.Combine(cutoverFolder, script.Name.FileName));
        }

        await File.AppendAllTextAsync(Path.Combine(cutoverFolder, scripts.Scripts[2].Name.FileName), "\n-- changed\n", ct);
        var changedSet = await MigrationSet.LoadAsync(new DirectoryScriptSource(cutoverFolder), ct);
        await using var dataSource = fixture.Server.CreateDataSource(database);

        var error = await Should.ThrowAsync<AdoptionRefusedException>(() => new Migrator(dataSource, changedSet)
            .AdoptAsync(new AdoptionOptions { From = PreviousTool.Evolve, PreviousScriptsFolder = folder }, ct));

        var problem = error.Problems.ShouldHaveSingleItem();
        problem.Kind.ShouldBe(AdoptionProblemKind.ChecksumMismatch);
        problem.Subject.ShouldBe(changed);
        (await ProcrastinateSwitch.JournalExistsAsync(dataSource)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_script_missing_from_the_old_folder_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await ProcrastinateSwitch.LoadAsync();
        var folder = ProcrastinateSwitch.CopyRenamed(scripts, EvolveName, 3);
        var database = await fixture.CreateDatabaseAsync();
        RunEvolve(fixture.Server.ConnectionString(database), folder, 3);
        File.Delete(Path.Combine(folder, EvolveName(1, scripts.Scripts[1])));
        await using var dataSource = fixture.Server.CreateDataSource(database);

        var error = await Should.ThrowAsync<AdoptionRefusedException>(() => new Migrator(dataSource, scripts)
            .AdoptAsync(new AdoptionOptions { From = PreviousTool.Evolve, PreviousScriptsFolder = folder }, ct));

        // Its Cutover counterpart is unaccounted for too, and would apply out of order: both are named.
        error.Problems.ShouldContain(p => p.Kind == AdoptionProblemKind.MissingFile &&
                                          p.Message.Contains(EvolveName(1, scripts.Scripts[1])));
        error.Problems.ShouldContain(p => p.Kind == AdoptionProblemKind.OutOfOrder &&
                                          p.Subject == scripts.Scripts[1].Location);
        (await ProcrastinateSwitch.JournalExistsAsync(dataSource)).ShouldBeFalse();
    }
}
