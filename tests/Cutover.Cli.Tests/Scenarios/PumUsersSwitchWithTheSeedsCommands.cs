using Cutover.Tests;
using Npgsql;
using Shouldly;

namespace Cutover.Cli.Tests.Scenarios;

/// <summary>Procrastinate's guide tells its users to type <c>pum baseline --pg_service procrastinate --table
/// public.pum --dir ... --baseline 0.5.0</c> and <c>pum upgrade --pg_service procrastinate --table public.pum --dir
/// ...</c>. Typed to cutover, the same words work; pointed at a database whose <c>public.pum</c> Pum really wrote, they
/// say to adopt it instead of failing on a missing column.</summary>
public sealed class PumUsersSwitchWithTheSeedsCommands(ServerFixture fixture)
{
    private static string Migrations => SharedCorpus.Path("procrastinate", "migrations");

    /// <summary>A service file with the seed's <c>[procrastinate]</c> service, pointing at a fresh database installed
    /// at Procrastinate 0.5.0 (its initial schema).</summary>
    private async Task<(Dictionary<string, string> Environment, NpgsqlDataSource DataSource)> ProcrastinateServiceAsync()
    {
        var database = await fixture.CreateDatabaseAsync();
        var dataSource = fixture.Server.CreateDataSource(database);
        await using (var install = dataSource.CreateCommand(
                         await File.ReadAllTextAsync(Path.Combine(Migrations, "00.00.00_01_initial.sql"), TestContext.Current.CancellationToken)))
        {
            await install.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var serviceFile = Path.Combine(Directory.CreateTempSubdirectory("cutover-pum-").FullName, "pg_service.conf");
        await File.WriteAllTextAsync(serviceFile,
            $"[procrastinate]\nhost={fixture.Server.SocketDirectory}\nport={fixture.Server.Port}\n" +
            $"user={fixture.Server.Username}\ndbname={database}\n", TestContext.Current.CancellationToken);
        return (new Dictionary<string, string> { ["PGSERVICEFILE"] = serviceFile }, dataSource);
    }

    [Fact]
    public async Task The_seeds_baseline_and_upgrade_commands_work_as_typed()
    {
        var (environment, dataSource) = await ProcrastinateServiceAsync();
        await using var _ = dataSource;
        var cwd = Path.GetTempPath();

        var baseline = await CliProcess.RunAsync(cwd, environment,
            "baseline", "--pg_service", "procrastinate", "--table", "public.pum", "--dir", Migrations, "--baseline", "0.5.0");
        var upgradeAsTyped = await CliProcess.RunAsync(cwd, environment,
            "upgrade", "--pg_service", "procrastinate", "--table", "public.pum", "--dir", Migrations);
        var upgrade = await CliProcess.RunAsync(cwd, environment,
            "upgrade", "--pg_service", "procrastinate", "--table", "public.pum", "--dir", Migrations, "--phase", "all");

        baseline.ExitCode.ShouldBe(0, baseline.ToString());
        baseline.Output.ShouldContain("Recorded 1 migration(s) before 0.5.0 as baseline.");
        upgradeAsTyped.ExitCode.ShouldBe(2, upgradeAsTyped.ToString());
        upgradeAsTyped.Error.ShouldContain("all (both at once, as tools without phases such as Pum");
        upgrade.ExitCode.ShouldBe(0, upgrade.ToString());
        upgrade.Output.ShouldContain("Applied 37 script(s)");
    }

    [Fact]
    public async Task Pointed_at_the_table_Pum_wrote_upgrade_says_to_adopt_it_and_adopt_does()
    {
        var ct = TestContext.Current.CancellationToken;
        var (environment, dataSource) = await ProcrastinateServiceAsync();
        await using var _ = dataSource;

        // What `pum baseline --table public.pum --baseline 0.5.0` leaves (Pum 0.x's upgrader.py).
        await using (var pum = dataSource.CreateCommand("""
            CREATE TABLE public.pum (id serial PRIMARY KEY, version varchar(50) NOT NULL, description varchar(200) NOT NULL,
                type integer NOT NULL, script varchar(1000) NOT NULL, checksum varchar(32) NOT NULL,
                installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(),
                execution_time integer NOT NULL, success boolean NOT NULL);
            INSERT INTO public.pum (version, description, type, script, checksum, installed_by, execution_time, success)
            VALUES ('0.5.0', 'baseline', 0, '', '', current_user, 1, true);
            """))
        {
            await pum.ExecuteNonQueryAsync(ct);
        }

        var cwd = Path.GetTempPath();
        var upgrade = await CliProcess.RunAsync(cwd, environment,
            "upgrade", "--pg_service", "procrastinate", "--table", "public.pum", "--dir", Migrations, "--phase", "all");
        var adopt = await CliProcess.RunAsync(cwd, environment,
            "adopt", "--from", "pum", "--from-dir", Migrations, "--pg_service", "procrastinate", "--dir", Migrations);
        var after = await CliProcess.RunAsync(cwd, environment,
            "upgrade", "--pg_service", "procrastinate", "--dir", Migrations, "--phase", "all");

        upgrade.ExitCode.ShouldBe(2, upgrade.ToString());
        upgrade.Error.ShouldContain("public.pum is Pum's history, not a Cutover journal");
        upgrade.Error.ShouldContain("cutover adopt --from pum --history public.pum");
        adopt.ExitCode.ShouldBe(0, adopt.ToString());
        adopt.Output.ShouldContain("Adopted 1 script(s); 37 pending");
        after.ExitCode.ShouldBe(0, after.ToString());
        after.Output.ShouldContain("Applied 37 script(s)");
        (await ServerProbe.ScalarAsync<long>(dataSource, "SELECT count(*) FROM public.pum", ct)).ShouldBe(1, "Pum's table is left as it was");
    }
}
