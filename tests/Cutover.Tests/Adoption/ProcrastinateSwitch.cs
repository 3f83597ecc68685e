using Cutover.Adoption;
using Cutover.Execution;
using Cutover.Inspection;
using Cutover.Planning;
using Cutover.Scripts;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.Adoption;

/// <summary>The switch every adoption test makes: Procrastinate's 38 migrations, the first <see cref="Ran"/> of them
/// run by another tool under that tool's names, then adopted, then upgraded by Cutover.</summary>
internal static class ProcrastinateSwitch
{
    /// <summary>How many scripts the previous tool ran before the switch.</summary>
    public const int Ran = 20;

    public static string CutoverFolder => SharedCorpus.Path("procrastinate", "migrations");

    public static async Task<MigrationSet> LoadAsync() =>
        await MigrationSet.LoadAsync(new DirectoryScriptSource(CutoverFolder), TestContext.Current.CancellationToken);

    /// <summary>Copies the scripts, byte for byte, under the names <paramref name="rename"/> gives (a relative path:
    /// the index in Cutover's order, from 0, and the script), into a new temporary folder.</summary>
    public static string CopyRenamed(MigrationSet scripts, Func<int, MigrationScript, string> rename, int? count = null)
    {
        var folder = Directory.CreateTempSubdirectory("cutover-adopt-").FullName;
        AddRenamed(folder, scripts, rename, 0, count ?? scripts.Scripts.Length);
        return folder;
    }

    /// <summary>Adds scripts <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/> to a
    /// folder, as <see cref="CopyRenamed"/> names them.</summary>
    public static void AddRenamed(string folder, MigrationSet scripts, Func<int, MigrationScript, string> rename, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            var target = Path.Combine(folder, rename(i, scripts.Scripts[i]));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(scripts.Scripts[i].Location, target);
        }
    }

    /// <summary>Adopts, then checks the must-haves: exactly the scripts the tool ran are recorded as adopted, upgrade
    /// applies exactly the others, and the database matches its journal.</summary>
    public static async Task<AdoptionResult> AdoptAndUpgradeAsync(
        ServerFixture fixture, string database, MigrationSet scripts, AdoptionOptions options, int ran = Ran)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = fixture.Server.CreateDataSource(database);
        var migrator = new Migrator(dataSource, scripts);
        var names = scripts.Scripts.Select(s => s.Name.Name).ToList();

        var dryRun = await migrator.AdoptAsync(options with { DryRun = true }, ct);
        dryRun.Problems.ShouldBeEmpty();
        (await JournalExistsAsync(dataSource)).ShouldBeFalse("a dry run writes nothing");

        var adopted = await migrator.AdoptAsync(options, ct);
        adopted.Adopted.Select(a => a.Script).ShouldBe(names.Take(ran));
        adopted.Adopted.ShouldAllBe(a => !a.AlreadyRecorded);
        adopted.Pending.ShouldBe(names.Skip(ran));

        var status = await migrator.GetStatusAsync(ct);
        status.Scripts.Count(s => s.State == ScriptState.Adopted).ShouldBe(ran);

        var again = await migrator.AdoptAsync(options, ct);
        again.NewlyRecorded.ShouldBe(0, "adopting again changes nothing");

        var upgrade = await migrator.UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All) }, ct);
        upgrade.Applied.Select(a => a.Name).ShouldBe(names.Skip(ran));

        var drift = await new SchemaCheck(fixture.Server.DatabaseServer).CompareWithJournalAsync(scripts, dataSource, ct);
        drift.Differences.Where(d => d.Kind != DifferenceKind.Note).ShouldBeEmpty();
        return adopted;
    }

    public static async Task<bool> JournalExistsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT to_regclass('public.cutover_migrations') IS NOT NULL");
        return (bool)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>Runs a script's text as psql would, for histories built by hand (Pum, Flyway).</summary>
    public static async Task RunAsync(NpgsqlDataSource dataSource, string path)
    {
        await using var command = dataSource.CreateCommand(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
