using Cutover.Adoption;
using Cutover.Execution;
using Cutover.Scripts;
using Shouldly;

namespace Cutover.Tests.Adoption;

/// <summary>grate (the real dotnet tool, 2.2.0) runs the first 20 Procrastinate scripts from its <c>up</c> folder;
/// the team adds the other 18 there, switches, and Cutover adopts from <c>grate."ScriptsRun"</c>.</summary>
public sealed class GrateAdoptionTests(ServerFixture fixture)
{
    private static string GrateName(int index, MigrationScript script) =>
        Path.Combine("up", $"{index + 1:000}_{script.Name.Description}.sql");

    [Fact]
    public async Task What_grate_ran_is_adopted_and_upgrade_applies_the_rest()
    {
        var scripts = await ProcrastinateSwitch.LoadAsync();
        var folder = ProcrastinateSwitch.CopyRenamed(scripts, GrateName, ProcrastinateSwitch.Ran);

        // An anytime script beside them: grate runs it again whenever it changes, so it is reported, not adopted.
        Directory.CreateDirectory(Path.Combine(folder, "views"));
        await File.WriteAllTextAsync(Path.Combine(folder, "views", "job_counts.sql"),
            "CREATE OR REPLACE VIEW job_counts AS SELECT 1 AS n;\n", TestContext.Current.CancellationToken);
        var database = await fixture.CreateDatabaseAsync();
        await GrateTool.RunAsync(fixture.Server.ConnectionString(database), folder);
        File.Delete(Path.Combine(folder, "views", "job_counts.sql"));
        await using (var dataSource = fixture.Server.CreateDataSource(database))
        await using (var drop = dataSource.CreateCommand("DROP VIEW job_counts"))
        {
            // Cutover's folder has no such view: leave the database as its scripts describe it.
            await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        ProcrastinateSwitch.AddRenamed(folder, scripts, GrateName, ProcrastinateSwitch.Ran,
            scripts.Scripts.Length - ProcrastinateSwitch.Ran);

        var result = await ProcrastinateSwitch.AdoptAndUpgradeAsync(fixture, database, scripts,
            new AdoptionOptions { From = PreviousTool.Grate, PreviousScriptsFolder = folder });

        result.HistoryTable.ShouldBe("grate.ScriptsRun");
        result.Adopted[0].PreviousFile.ShouldBe("up/001_initial.sql");
        result.Skipped.ShouldHaveSingleItem().Script.ShouldBe("job_counts.sql");
    }

    [Fact]
    public async Task A_script_grate_failed_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await ProcrastinateSwitch.LoadAsync();
        var folder = ProcrastinateSwitch.CopyRenamed(scripts, GrateName, 2);
        await File.WriteAllTextAsync(Path.Combine(folder, "up", "003_broken.sql"), "SELECT no_such_function();\n", ct);
        var database = await fixture.CreateDatabaseAsync();
        await GrateTool.RunAsync(fixture.Server.ConnectionString(database), folder, expectSuccess: false);
        await using var dataSource = fixture.Server.CreateDataSource(database);

        var error = await Should.ThrowAsync<AdoptionRefusedException>(() => new Migrator(dataSource, scripts)
            .AdoptAsync(new AdoptionOptions { From = PreviousTool.Grate, PreviousScriptsFolder = folder }, ct));

        error.Problems.ShouldContain(p => p.Kind == AdoptionProblemKind.Failed && p.Message.Contains("003_broken.sql"));
        (await ProcrastinateSwitch.JournalExistsAsync(dataSource)).ShouldBeFalse();
    }
}
