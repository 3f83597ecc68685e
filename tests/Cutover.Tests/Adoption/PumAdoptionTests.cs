using System.Security.Cryptography;
using Cutover.Adoption;
using Cutover.Execution;
using Cutover.Scripts;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.Adoption;

/// <summary>Pum cannot run here (it is Python, and 0.x long gone), so these tests build its tables from Pum's own DDL
/// (0.x's <c>upgrader.py</c>, 1.x's <c>schema_migrations.py</c>) and fill them as its commands would: for 0.x, the
/// seed's <c>pum baseline --table public.pum --baseline 0.5.0</c> on a database installed at 0.5.0, then
/// <c>pum upgrade</c> of the deltas that followed; for 1.x, a row per version with its changelog files.</summary>
public sealed class PumAdoptionTests(ServerFixture fixture)
{
    private const string Pum0Table = """
        CREATE TABLE public.pum (
            id serial NOT NULL,
            version character varying(50) NOT NULL,
            description character varying(200) NOT NULL,
            type integer NOT NULL,
            script character varying(1000) NOT NULL,
            checksum character varying(32) NOT NULL,
            installed_by character varying(100) NOT NULL,
            installed_on timestamp without time zone NOT NULL DEFAULT now(),
            execution_time integer NOT NULL,
            success boolean NOT NULL,
            PRIMARY KEY (id),
            EXCLUDE (version WITH =) WHERE (type = 0)
        )
        """;

    private const string Pum1Table = """
        CREATE TABLE public.pum_migrations (
            id uuid DEFAULT gen_random_uuid() PRIMARY KEY,
            date_installed timestamp without time zone NOT NULL DEFAULT now(),
            module character varying(50) NOT NULL,
            version character varying(50) NOT NULL,
            beta_testing boolean NOT NULL DEFAULT false,
            changelog_files text[],
            parameters jsonb,
            migration_table_version integer NOT NULL DEFAULT 3,
            pum_version character varying(50) NOT NULL DEFAULT '1.8.0'
        )
        """;

    /// <summary>Pum's version: <c>00.05.00</c> is <c>0.5.0</c>.</summary>
    private static string PumVersion(MigrationScript script) =>
        string.Join('.', script.Version.Components.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Procrastinate's names in its Pum days: <c>delta_0.5.0_001_drop_started_at_column.sql</c>.</summary>
    private static string DeltaName(MigrationScript script) =>
        $"delta_{PumVersion(script)}_{script.Name.Serial:000}_{script.Name.Description}.sql";

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, params object[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The seed's path: installed at 0.5.0 (the initial schema), baselined at 0.5.0, then the first
    /// <paramref name="deltas"/> deltas applied by <c>pum upgrade</c>. Returns the deltas folder.</summary>
    private async Task<string> PumZeroAsync(NpgsqlDataSource dataSource, MigrationSet scripts, int deltas)
    {
        var folder = Directory.CreateTempSubdirectory("cutover-pum-").FullName;
        var initial = scripts.Scripts[0];
        initial.Version.ShouldBeLessThan(ScriptVersion.Parse("0.5.0"));
        await ProcrastinateSwitch.RunAsync(dataSource, initial.Location);
        await ExecuteAsync(dataSource, Pum0Table);
        await ExecuteAsync(dataSource,
            "INSERT INTO public.pum (version, description, type, script, checksum, installed_by, execution_time, success) " +
            "VALUES ('0.5.0', 'baseline', 0, '', '', current_user, 1, true)");
        foreach (var script in scripts.Scripts.Skip(1))
        {
            File.Copy(script.Location, Path.Combine(folder, DeltaName(script)));
        }

        foreach (var script in scripts.Scripts.Skip(1).Take(deltas))
        {
            var path = Path.Combine(folder, DeltaName(script));
            await ProcrastinateSwitch.RunAsync(dataSource, path);
            var name = DeltaName(script);
            await ExecuteAsync(dataSource,
                "INSERT INTO public.pum (version, description, type, script, checksum, installed_by, execution_time, success) " +
                "VALUES ($1, $2, 8, $3, $4, current_user, 12, true)",
                PumVersion(script), name[(name.IndexOf('_', 6) + 1)..^4], "/home/ops/venv/procrastinate/sql/migrations/" + name,
#pragma warning disable CA5351 // Pum's own checksum
                Convert.ToHexStringLower(MD5.HashData(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken))));
#pragma warning restore CA5351
        }

        return folder;
    }

    [Fact]
    public async Task The_seeds_Pum_table_is_adopted_and_upgrade_applies_the_rest()
    {
        var scripts = await ProcrastinateSwitch.LoadAsync();
        var database = await fixture.CreateDatabaseAsync();
        string folder;
        await using (var dataSource = fixture.Server.CreateDataSource(database))
        {
            folder = await PumZeroAsync(dataSource, scripts, ProcrastinateSwitch.Ran - 1);
        }

        var result = await ProcrastinateSwitch.AdoptAndUpgradeAsync(fixture, database, scripts,
            new AdoptionOptions { From = PreviousTool.Pum, PreviousScriptsFolder = folder });

        result.HistoryTable.ShouldBe("public.pum");
        result.Adopted[0].PreviousFile.ShouldBeNull("the initial schema came before the baseline");
        result.Adopted[0].HistoryEntry.ShouldBe("public.pum #1");
        result.Adopted[1].PreviousFile.ShouldBe("delta_0.5.0_001_drop_started_at_column.sql");
    }

    [Fact]
    public async Task A_Pum_baseline_with_no_delta_run_yet_covers_what_came_before_it()
    {
        var scripts = await ProcrastinateSwitch.LoadAsync();
        var database = await fixture.CreateDatabaseAsync();
        string folder;
        await using (var dataSource = fixture.Server.CreateDataSource(database))
        {
            folder = await PumZeroAsync(dataSource, scripts, 0);
        }

        // Pum runs deltas from the baseline's version on, so 0.5.0's own deltas are still to run.
        var result = await ProcrastinateSwitch.AdoptAndUpgradeAsync(fixture, database, scripts,
            new AdoptionOptions { From = PreviousTool.Pum, PreviousScriptsFolder = folder }, ran: 1);

        result.Pending[0].ShouldBe("00.05.00_01_drop_started_at_column");
    }

    [Fact]
    public async Task Pum_1_version_rows_are_adopted_and_upgrade_applies_the_rest()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await ProcrastinateSwitch.LoadAsync();
        var database = await fixture.CreateDatabaseAsync();
        var module = Directory.CreateTempSubdirectory("cutover-pum1-").FullName;
        string Changelog(MigrationScript s) =>
            Path.Combine("changelogs", PumVersion(s), $"{s.Name.Serial:00}_{s.Name.Description}.sql");
        ProcrastinateSwitch.AddRenamed(module, scripts, (_, s) => Changelog(s), 0, scripts.Scripts.Length);
        await using (var dataSource = fixture.Server.CreateDataSource(database))
        {
            await ExecuteAsync(dataSource, Pum1Table);
            var minute = 0;
            foreach (var version in scripts.Scripts.Take(ProcrastinateSwitch.Ran).GroupBy(PumVersion))
            {
                foreach (var script in version)
                {
                    await ProcrastinateSwitch.RunAsync(dataSource, Path.Combine(module, Changelog(script)));
                }

                // Recorded as Pum records them: the absolute paths on the machine that ran it.
                await ExecuteAsync(dataSource,
                    "INSERT INTO public.pum_migrations (module, version, changelog_files, date_installed) " +
                    "VALUES ('procrastinate', $1, $2, '2024-01-01'::timestamp + make_interval(mins => $3))",
                    version.Key, version.Select(s => "/srv/procrastinate/" + Changelog(s)).ToArray(), minute++);
            }
        }

        var result = await ProcrastinateSwitch.AdoptAndUpgradeAsync(fixture, database, scripts,
            new AdoptionOptions { From = PreviousTool.Pum, PreviousScriptsFolder = module });

        result.HistoryTable.ShouldBe("public.pum_migrations");
        result.Adopted[0].PreviousFile.ShouldBe("changelogs/0.0.0/01_initial.sql");
        result.Adopted[0].HistoryEntry.ShouldBe("public.pum_migrations version 0.0.0");
    }

    public static TheoryData<string> Refusals => ["changed", "missing", "failed"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_changed_a_missing_or_a_failed_delta_is_refused_and_nothing_is_written(string fault)
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await ProcrastinateSwitch.LoadAsync();
        await using var dataSource = fixture.Server.CreateDataSource(await fixture.CreateDatabaseAsync());
        var folder = await PumZeroAsync(dataSource, scripts, 5);
        var victim = scripts.Scripts[3];
        var path = Path.Combine(folder, DeltaName(victim));
        var expected = fault switch
        {
            "changed" => AdoptionProblemKind.ChecksumMismatch,
            "missing" => AdoptionProblemKind.MissingFile,
            _ => AdoptionProblemKind.Failed,
        };
        switch (fault)
        {
            case "changed":
                // Changed in Cutover's folder alike, so only Pum's MD5 tells.
                await File.AppendAllTextAsync(path, "\n-- changed after it ran\n", ct);
                break;
            case "missing":
                File.Delete(path);
                break;
            default:
                await ExecuteAsync(dataSource, "UPDATE public.pum SET success = false WHERE description LIKE '%' || $1",
                    victim.Name.Description);
                break;
        }

        var error = await Should.ThrowAsync<AdoptionRefusedException>(() => new Migrator(dataSource, scripts)
            .AdoptAsync(new AdoptionOptions { From = PreviousTool.Pum, PreviousScriptsFolder = folder }, ct));

        // A missing or failed delta also leaves its Cutover script unaccounted for, before later ones: named too.
        error.Problems.ShouldContain(p => p.Kind == expected);
        error.Problems.Where(p => p.Kind != expected)
            .ShouldAllBe(p => p.Kind == AdoptionProblemKind.OutOfOrder && p.Subject == victim.Location);
        error.Message.ShouldContain(fault == "changed" ? path : DeltaName(victim));
        (await ProcrastinateSwitch.JournalExistsAsync(dataSource)).ShouldBeFalse();
    }
}
