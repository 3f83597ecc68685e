using Cutover.Safety;
using Cutover.Scripts;
using Shouldly;

namespace Cutover.Tests.Safety;

/// <summary>samples/bluegreen as it first was (one UPDATE of the whole table in the pre phase, SET NOT NULL without
/// a proof in the post phase) is flagged on exactly those two statements; as it is now (the copy a batched post-deploy
/// backfill, the NOT NULL proven by a validated check), it lints clean.</summary>
public sealed class BlueGreenSampleLintsClean(ServerFixture fixture)
{
    private static string Migrations()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "bluegreen", "v2", "migrations");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("samples/bluegreen");
    }

    [Fact]
    public async Task The_sample_as_it_is_has_no_finding()
    {
        var result = await new Linter(fixture.Server.DatabaseServer)
            .LintAsync(new DirectoryScriptSource(Migrations()), null, TestContext.Current.CancellationToken);

        result.Findings.ShouldBeEmpty();
        result.Scripts.Length.ShouldBe(7);
    }

    [Fact]
    public async Task The_sample_as_it_was_is_flagged_on_the_update_and_the_set_not_null()
    {
        var create = File.ReadAllText(Path.Combine(Migrations(), "01.00.00_01_pre_create_accounts.sql"));
        var source = new ScriptList(
            ("01.00.00_01_pre_create_accounts.sql", create),
            ("02.00.00_01_pre_add_email_address.sql",
                "ALTER TABLE accounts ADD COLUMN email_address text;\n" +
                "UPDATE accounts SET email_address = email WHERE email_address IS NULL;\n"),
            ("02.00.00_50_post_drop_email.sql",
                "ALTER TABLE accounts DROP COLUMN email;\nALTER TABLE accounts ALTER COLUMN email_address SET NOT NULL;\n"));

        var result = await new Linter(fixture.Server.DatabaseServer).LintAsync(source, null, TestContext.Current.CancellationToken);

        result.Findings.Where(f => f.Severity == LintSeverity.Error).Select(f => (f.Script, f.Line, f.RuleId)).ShouldBe(
        [
            ("02.00.00_01_pre_add_email_address.sql", 2, "CUT109"),
            ("02.00.00_50_post_drop_email.sql", 2, "CUT103"),
        ]);
    }
}
