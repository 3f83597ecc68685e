using Cutover.Scripts;
using Cutover.Snapshots;
using Shouldly;

namespace Cutover.Tests.Snapshots;

/// <summary>samples/bluegreen in the three configurations: release 1's tests against 1.0 + pre, release 2's tests
/// against the same and against everything; a pre-migration that drops a column release 1 reads fails the first.</summary>
public sealed class CompatibilityCheckOnTheBlueGreenSample(ServerFixture fixture)
{
    private static string Sample(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, "samples", "bluegreen", .. parts]);
            if (Directory.Exists(Path.Combine(dir.FullName, "samples", "bluegreen")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("samples/bluegreen");
    }

    private async Task<CompatibilityResult> RunAsync(string migrations)
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = await MigrationSet.LoadAsync(new DirectoryScriptSource(migrations), ct);
        await using var maintenance = fixture.Server.CreateDataSource();
        var check = new CompatibilityCheck(new TemplateDatabaseCache(maintenance));
        return await check.RunAsync(scripts, new CompatibilityOptions
        {
            Released = ScriptVersion.Parse("01.00.00"),
            OldTests = "sh '" + Sample("v1", "tests.sh") + "'",
            NewTests = "sh '" + Sample("v2", "tests.sh") + "'",
        }, ct);
    }

    /// <summary>The sample with a simpler expand step: it relaxes <c>email</c> instead of adding a sync trigger, so a
    /// later migration that drops <c>email</c> breaks release 1 and nothing else (with the trigger in place, release 2's
    /// inserts would fail too). Each test gets its own copy, so the snapshots of the two tests differ.</summary>
    private static string CopyWithoutSyncTrigger()
    {
        var folder = Directory.CreateTempSubdirectory("cutover-bluegreen-").FullName;
        // The sample's post-migrations are replaced by the one below.
        foreach (var file in Directory.GetFiles(Sample("v2", "migrations")).Where(f => !f.Contains("_post_", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var marker = "-- copy " + Guid.NewGuid().ToString("N") + "\n";
        File.WriteAllText(Path.Combine(folder, "02.00.00_01_pre_add_email_address.sql"), marker +
            "ALTER TABLE accounts ADD COLUMN email_address text;\n" +
            "UPDATE accounts SET email_address = email WHERE email_address IS NULL;\n" +
            "ALTER TABLE accounts ALTER COLUMN email DROP NOT NULL;\n");
        File.WriteAllText(Path.Combine(folder, "02.00.00_50_post_drop_email.sql"),
            "ALTER TABLE accounts DROP COLUMN IF EXISTS email;\n" +
            "ALTER TABLE accounts ALTER COLUMN email_address SET NOT NULL;\n");
        return folder;
    }

    [Fact]
    public async Task The_sample_as_written_passes_all_three_configurations()
    {
        var result = await RunAsync(Sample("v2", "migrations"));

        result.Runs.Select(r => r.ExitCode).ShouldBe([0, 0, 0], string.Join("\n", result.Runs.Select(r => r.Output)));
    }

    [Fact]
    public async Task An_expand_only_pre_phase_passes_all_three_configurations()
    {
        var result = await RunAsync(CopyWithoutSyncTrigger());

        result.Runs.Select(r => r.Configuration).ShouldBe(
            ["old tests @ 01.00.00 + pre", "new tests @ 01.00.00 + pre", "new tests @ all"]);
        result.Runs.Select(r => r.ExitCode).ShouldBe([0, 0, 0], string.Join("\n", result.Runs.Select(r => r.Output)));
        result.Passed.ShouldBeTrue();
    }

    [Fact]
    public async Task A_pre_migration_dropping_a_column_release_1_reads_fails_configuration_1()
    {
        var folder = CopyWithoutSyncTrigger();
        await File.WriteAllTextAsync(Path.Combine(folder, "02.00.00_09_pre_drop_email_too_early.sql"),
            "ALTER TABLE accounts DROP COLUMN email;\n", TestContext.Current.CancellationToken);

        var result = await RunAsync(folder);

        result.Runs[0].Passed.ShouldBeFalse();
        result.Runs[0].Output.ShouldContain("email");
        result.Runs[1].Passed.ShouldBeTrue();
        result.Runs[2].Passed.ShouldBeTrue();
        result.Passed.ShouldBeFalse();
    }
}
