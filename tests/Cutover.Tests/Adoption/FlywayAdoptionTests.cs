using System.Diagnostics;
using Cutover.Adoption;
using Cutover.Execution;
using Cutover.Scripts;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.Adoption;

/// <summary>Flyway cannot run here (no Maven repository is reachable), so these tests build
/// <c>flyway_schema_history</c> from Flyway's documented DDL and fill it as <c>flyway baseline</c> and
/// <c>flyway migrate</c> would. The checksums come from the JDK itself: a Java program doing what Flyway's
/// ChecksumCalculator does (CRC32 over each line that <c>BufferedReader.readLine</c> returns, as UTF-8), so Cutover's
/// reading of Java's line splitting is checked against Java's, not against itself.</summary>
public sealed class FlywayAdoptionTests(ServerFixture fixture)
{
    private const string HistoryTable = """
        CREATE TABLE public.flyway_schema_history (
            installed_rank integer NOT NULL PRIMARY KEY,
            version character varying(50),
            description character varying(200) NOT NULL,
            type character varying(20) NOT NULL,
            script character varying(1000) NOT NULL,
            checksum integer,
            installed_by character varying(100) NOT NULL,
            installed_on timestamp without time zone NOT NULL DEFAULT now(),
            execution_time integer NOT NULL,
            success boolean NOT NULL
        )
        """;

    private const string ChecksumProgram = """
        import java.io.*;
        import java.nio.charset.StandardCharsets;
        import java.nio.file.*;
        import java.util.zip.CRC32;

        public class FlywayChecksum {
            public static void main(String[] args) throws IOException {
                for (String path : args) {
                    CRC32 crc32 = new CRC32();
                    try (BufferedReader reader = Files.newBufferedReader(Paths.get(path), StandardCharsets.UTF_8)) {
                        String line = reader.readLine();
                        if (line != null && line.startsWith("\uFEFF")) line = line.substring(1);
                        while (line != null) {
                            crc32.update(line.getBytes(StandardCharsets.UTF_8));
                            line = reader.readLine();
                        }
                    }
                    System.out.println((int) crc32.getValue());
                }
            }
        }
        """;

    private static string FlywayName(int index, MigrationScript script) => $"V{index + 1}__{script.Name.Description}.sql";

    private static async Task<IReadOnlyList<int>> JavaChecksumsAsync(IReadOnlyList<string> paths)
    {
        var source = Path.Combine(Directory.CreateTempSubdirectory("cutover-flyway-").FullName, "FlywayChecksum.java");
        await File.WriteAllTextAsync(source, ChecksumProgram, TestContext.Current.CancellationToken);
        var start = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(source);
        foreach (var path in paths)
        {
            start.ArgumentList.Add(path);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        process.ExitCode.ShouldBe(0, error);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => int.Parse(l.Trim(), System.Globalization.CultureInfo.InvariantCulture))];
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, params object?[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_Flyway_baseline_and_migrations_are_adopted_and_upgrade_applies_the_rest()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await ProcrastinateSwitch.LoadAsync();
        var folder = ProcrastinateSwitch.CopyRenamed(scripts, FlywayName);

        // Line endings of every kind, and a BOM: Flyway's checksum ignores them, and so must Cutover's reading of it.
        var crlf = Path.Combine(folder, FlywayName(2, scripts.Scripts[2]));
        await File.WriteAllTextAsync(crlf, "\uFEFF" + (await File.ReadAllTextAsync(crlf, ct)).Replace("\n", "\r\n"), ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "R__job_counts.sql"), "CREATE OR REPLACE VIEW job_counts AS SELECT 1 AS n;\n", ct);
        var database = await fixture.CreateDatabaseAsync();
        var files = Enumerable.Range(1, ProcrastinateSwitch.Ran - 1)
            .Select(i => Path.Combine(folder, FlywayName(i, scripts.Scripts[i]))).ToList();
        var checksums = await JavaChecksumsAsync(files);
        await using (var dataSource = fixture.Server.CreateDataSource(database))
        {
            // `flyway baseline -baselineVersion=1` on a database whose V1 (the initial schema) was applied by hand.
            await ProcrastinateSwitch.RunAsync(dataSource, scripts.Scripts[0].Location);
            await ExecuteAsync(dataSource, HistoryTable);
            await ExecuteAsync(dataSource,
                "INSERT INTO flyway_schema_history VALUES (1, '1', '<< Flyway Baseline >>', 'BASELINE', " +
                "'<< Flyway Baseline >>', NULL, 'ops', now(), 0, true)");
            for (var i = 0; i < files.Count; i++)
            {
                await ProcrastinateSwitch.RunAsync(dataSource, files[i]);
                await ExecuteAsync(dataSource,
                    "INSERT INTO flyway_schema_history VALUES ($1, $2, $3, 'SQL', $4, $5, 'ops', now(), 7, true)",
                    i + 2, (i + 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    scripts.Scripts[i + 1].Name.Description.Replace('_', ' '), Path.GetFileName(files[i]), checksums[i]);
            }

            await ExecuteAsync(dataSource,
                "INSERT INTO flyway_schema_history VALUES (21, NULL, 'job counts', 'SQL', 'R__job_counts.sql', 1, 'ops', now(), 3, true)");
        }

        var result = await ProcrastinateSwitch.AdoptAndUpgradeAsync(fixture, database, scripts,
            new AdoptionOptions { From = PreviousTool.Flyway, PreviousScriptsFolder = folder });

        result.HistoryTable.ShouldBe("public.flyway_schema_history");
        result.Adopted[0].PreviousFile.ShouldBe(FlywayName(0, scripts.Scripts[0]), "paired by content under the baseline");
        result.Skipped.ShouldHaveSingleItem().Script.ShouldBe("R__job_counts.sql");
    }

    [Fact]
    public async Task A_folder_of_Flyway_names_only_gets_Cutover_names_proposed()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await ProcrastinateSwitch.LoadAsync();
        var folder = ProcrastinateSwitch.CopyRenamed(scripts, FlywayName, 3);
        await using var dataSource = fixture.Server.CreateDataSource(await fixture.CreateDatabaseAsync());
        await ExecuteAsync(dataSource, HistoryTable);
        var checksums = await JavaChecksumsAsync([Path.Combine(folder, FlywayName(0, scripts.Scripts[0]))]);
        await ExecuteAsync(dataSource,
            "INSERT INTO flyway_schema_history VALUES (1, '1', 'initial', 'SQL', $1, $2, 'ops', now(), 7, true)",
            FlywayName(0, scripts.Scripts[0]), checksums[0]);

        var result = await new Migrator(dataSource, MigrationSet.Create("migrations", [], null)).AdoptAsync(
            new AdoptionOptions { From = PreviousTool.Flyway, PreviousScriptsFolder = folder, DryRun = true }, ct);

        result.Proposals.Select(p => p.CutoverName).ShouldBe(
            ["01.00.00_01_initial.sql", "02.00.00_01_drop_started_at_column.sql", "03.00.00_01_drop_started_at_column.sql"]);
        result.Problems.ShouldHaveSingleItem().Kind.ShouldBe(AdoptionProblemKind.NoCounterpart);
        (await ProcrastinateSwitch.JournalExistsAsync(dataSource)).ShouldBeFalse();
    }
}
