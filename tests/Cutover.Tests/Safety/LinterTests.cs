using Cutover.Safety;
using Cutover.Scripts;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.Safety;

public sealed class LinterTests(ServerFixture fixture)
{
    private const string Setup = "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);";

    private Linter Linter => new(fixture.Server.DatabaseServer);

    [Fact]
    public async Task Finding_names_file_line_column_statement_and_source_line()
    {
        var result = await LintCase.LintAsync(fixture, Setup, "post",
            "-- an index\nALTER TABLE accounts ADD COLUMN note text;\n\n   CREATE INDEX accounts_email\n   ON accounts (email);\n");

        var finding = result.Findings.ShouldHaveSingleItem();
        finding.ShouldSatisfyAllConditions(
            () => finding.RuleId.ShouldBe("CUT105"),
            () => finding.FilePath.ShouldBe("db/" + LintCase.ScriptName("post")),
            () => finding.Line.ShouldBe(4),
            () => finding.Column.ShouldBe(4),
            () => finding.SourceLine.ShouldBe("   CREATE INDEX accounts_email"),
            () => finding.Statement.ShouldBe("CREATE INDEX accounts_email\n   ON accounts (email)"),
            () => finding.Phase.ShouldBe(Phase.Post),
            () => finding.SafeAlternative.ShouldBe(LintRules.IndexWithoutConcurrently.SafeAlternative));
    }

    [Fact]
    public async Task Allow_directive_silences_its_rule_on_the_next_statement_only()
    {
        var result = await LintCase.LintAsync(fixture, Setup, "post",
            "-- cutover:allow CUT105 empty until release 3\nCREATE INDEX a_email ON accounts (email);\n" +
            "CREATE INDEX a_id_email ON accounts (id, email);\n");

        result.Findings.ShouldHaveSingleItem().Line.ShouldBe(3);
    }

    [Fact]
    public async Task Allow_directive_of_another_rule_silences_nothing_and_is_reported_unused()
    {
        var result = await LintCase.LintAsync(fixture, Setup, "post",
            "-- cutover:allow CUT101 wrong rule\nCREATE INDEX a_email ON accounts (email);\n");

        result.Findings.Select(f => (f.RuleId, f.Line)).ShouldBe([("CUT105", 2), ("CUT902", 1)], ignoreOrder: true);
    }

    [Fact]
    public async Task Transaction_control_is_reported_and_the_rest_still_linted()
    {
        var result = await LintCase.LintAsync(fixture, Setup, "post",
            "BEGIN;\nCREATE INDEX a_email ON accounts (email);\nCOMMIT;\n");

        result.Findings.Select(f => (f.RuleId, f.Line)).ShouldBe([("CUT203", 1), ("CUT105", 2), ("CUT203", 3)]);
    }

    [Fact]
    public async Task Statement_failing_on_rows_is_reported_with_the_server_message()
    {
        var result = await LintCase.LintAsync(fixture, Setup, "post", "ALTER TABLE accounts ADD COLUMN region text NOT NULL;");

        var finding = result.Findings.ShouldHaveSingleItem();
        finding.RuleId.ShouldBe("CUT901");
        finding.Message.ShouldStartWith(PostgresErrorCodes.NotNullViolation + ":");
    }

    [Fact]
    public async Task No_transaction_script_is_observed_statement_by_statement()
    {
        var result = await LintCase.LintAsync(fixture, Setup + "CREATE INDEX a_old ON accounts (email);", "post",
            "-- cutover:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS a_email ON accounts (email);\n" +
            "DROP INDEX IF EXISTS a_old;\n");

        result.Findings.Select(f => (f.RuleId, f.Line)).ShouldBe([("CUT105", 3)]);
    }

    [Fact]
    public async Task Objects_the_script_creates_are_not_reported()
    {
        var result = await LintCase.LintAsync(fixture, Setup, "pre",
            "CREATE TABLE invoices (id bigint PRIMARY KEY, total int);\nINSERT INTO invoices VALUES (1, 1);\n" +
            "ALTER TABLE invoices ALTER COLUMN total TYPE bigint;\nCREATE INDEX invoices_total ON invoices (total);\n" +
            "UPDATE invoices SET total = 2;\nALTER TABLE invoices ALTER COLUMN total SET NOT NULL;\n");

        result.Findings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_names_a_script_that_is_not_in_the_set_is_an_input_error()
    {
        var source = new ScriptList((LintCase.Setup, Setup));

        var error = await Should.ThrowAsync<ScriptParseException>(() =>
            Linter.LintAsync(source, ["02.00.00_01_pre_missing.sql"], TestContext.Current.CancellationToken));

        error.Message.ShouldContain("02.00.00_01_pre_missing.sql");
    }

    [Fact]
    public async Task Linting_the_last_script_starts_from_a_snapshot_of_those_before()
    {
        var setup = "CREATE TABLE snapshot_probe_" + Guid.NewGuid().ToString("N")[..8] + " (id int);";
        var source = new ScriptList((LintCase.Setup, setup), ("02.00.00_50_post_x.sql", "ALTER TABLE accounts ADD COLUMN x int;"));

        // The last script refers to a table the first does not make: its failure proves the first one ran.
        var result = await Linter.LintAsync(source, ["02.00.00_50_post_x.sql"], TestContext.Current.CancellationToken);

        result.Findings.ShouldHaveSingleItem().RuleId.ShouldBe("CUT901");
        await using var postgres = fixture.Server.CreateDataSource();
        var templates = (long)(await postgres.CreateCommand(
            "SELECT count(*) FROM pg_database WHERE datistemplate AND datname LIKE 'cutover_tpl_%'")
            .ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        templates.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Every_script_is_linted_when_none_is_named()
    {
        var source = new ScriptList((LintCase.Setup, Setup), ("02.00.00_50_post_x.sql", "CREATE INDEX a_email ON accounts (email);"));

        var result = await Linter.LintAsync(source, null, TestContext.Current.CancellationToken);

        result.Scripts.ShouldBe([LintCase.Setup, "02.00.00_50_post_x.sql"]);
        result.Findings.ShouldHaveSingleItem().Script.ShouldBe("02.00.00_50_post_x.sql");
    }

    [Fact]
    public async Task Phase_rules_protect_what_the_previous_release_knows_not_what_this_release_made()
    {
        const string Function = "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;";
        const string Change = "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;";
        var sameRelease = new ScriptList(
            (LintCase.Setup, Setup), ("02.00.00_01_pre_add_f.sql", Function), ("02.00.00_02_pre_change_f.sql", Change));
        var earlierRelease = new ScriptList(
            (LintCase.Setup, Setup + Function), ("02.00.00_02_pre_change_f.sql", Change));

        var same = await Linter.LintAsync(sameRelease, ["02.00.00_02_pre_change_f.sql"], TestContext.Current.CancellationToken);
        var earlier = await Linter.LintAsync(earlierRelease, ["02.00.00_02_pre_change_f.sql"], TestContext.Current.CancellationToken);

        same.Findings.ShouldBeEmpty();
        earlier.Findings.ShouldHaveSingleItem().RuleId.ShouldBe("CUT005");
    }

    [Fact]
    public async Task Type_change_in_a_post_migration_is_a_lock_finding_not_a_phase_finding()
    {
        var result = await LintCase.LintAsync(fixture, "CREATE TABLE t (id bigint PRIMARY KEY, n int);", "post",
            "ALTER TABLE t ALTER COLUMN n TYPE bigint;");

        result.Findings.Select(f => f.RuleId).ShouldBe(["CUT101"]);
    }
}
