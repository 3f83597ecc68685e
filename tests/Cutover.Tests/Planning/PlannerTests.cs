using System.Collections.Immutable;
using Cutover.Journal;
using Cutover.Planning;
using Cutover.Scripts;
using Shouldly;

namespace Cutover.Tests.Planning;

public sealed class PlannerTests
{
    private static readonly MigrationSet s_set = MigrationSet.Create("db",
        new[] { "01.00.00_01_pre_a", "01.00.00_50_post_b", "02.00.00_01_pre_c", "02.00.00_02_pre_d", "02.00.00_50_post_e" }
            .Select(n => new ScriptFile(n + ".sql", "db/" + n + ".sql", "SELECT '" + n + "';")),
        null);

    private static ImmutableArray<JournalRow> Applied(params string[] names) =>
        [.. names.Select(n => Row(n, s_set.Find(n)!.Checksum))];

    private static JournalRow Row(string name, string checksum, JournalState state = JournalState.Succeeded) =>
        new(name, "1", 1, Phase.Pre, checksum, JournalEntryKind.Applied, state, DateTimeOffset.UnixEpoch, "t", 1, "0", null);

    private static IEnumerable<string> Steps(MigrationPlan plan) => plan.Steps.Select(s => s.Name.Name);

    [Fact]
    public void Pre_stops_before_the_first_pending_post()
    {
        var plan = Planner.Plan(s_set, [], new PlanRequest(PhaseSelection.Pre));

        Steps(plan).ShouldBe(["01.00.00_01_pre_a"]);
        plan.Remark.ShouldBe("post-migrations pending: deploy the new code, then run the post phase");
    }

    [Fact]
    public void Post_applies_nothing_while_a_pre_is_pending_first()
    {
        var plan = Planner.Plan(s_set, Applied("01.00.00_01_pre_a", "01.00.00_50_post_b"), new PlanRequest(PhaseSelection.Post));

        plan.Steps.ShouldBeEmpty();
        plan.Remark.ShouldBe("pre-migration 02.00.00_01_pre_c is pending: run the pre phase first");
    }

    [Fact]
    public void Post_applies_posts_up_to_the_next_pre()
    {
        var plan = Planner.Plan(s_set, Applied("01.00.00_01_pre_a"), new PlanRequest(PhaseSelection.Post));

        Steps(plan).ShouldBe(["01.00.00_50_post_b"]);
    }

    [Fact]
    public void To_never_goes_past_the_version()
    {
        var plan = Planner.Plan(s_set, [], new PlanRequest(PhaseSelection.All, ScriptVersion.Parse("1")));

        Steps(plan).ShouldBe(["01.00.00_01_pre_a", "01.00.00_50_post_b"]);
    }

    [Fact]
    public void Changed_checksum_refuses()
    {
        var plan = Planner.Plan(s_set, [Row("01.00.00_01_pre_a", "0000")], new PlanRequest(PhaseSelection.All));

        plan.IsRefused.ShouldBeTrue();
        plan.Refusals.Single().Kind.ShouldBe(DriftKind.ChecksumChanged);
    }

    [Fact]
    public void Pending_script_before_an_applied_one_refuses_unless_allowed()
    {
        var journal = Applied("01.00.00_01_pre_a", "02.00.00_01_pre_c");

        Planner.Plan(s_set, journal, new PlanRequest(PhaseSelection.All)).Refusals.Single().Name.ShouldBe("01.00.00_50_post_b");
        var allowed = Planner.Plan(s_set, journal, new PlanRequest(PhaseSelection.All, AllowOutOfOrder: true));
        allowed.IsRefused.ShouldBeFalse();
        Steps(allowed).First().ShouldBe("01.00.00_50_post_b");
    }

    [Fact]
    public void Failed_no_transaction_script_refuses_and_names_repair()
    {
        var plan = Planner.Plan(s_set, [Row("01.00.00_01_pre_a", s_set.Find("01.00.00_01_pre_a")!.Checksum, JournalState.Failed)],
            new PlanRequest(PhaseSelection.All));

        plan.Refusals.Single().Message.ShouldContain("cutover repair");
    }

    [Fact]
    public void Journal_row_without_a_file_is_drift_but_does_not_refuse()
    {
        var journal = Applied("01.00.00_01_pre_a").Add(Row("00.09.00_01_pre_gone", "abc"));

        Planner.FindDrift(s_set, journal).Single().Kind.ShouldBe(DriftKind.FileMissing);
        Planner.Plan(s_set, journal, new PlanRequest(PhaseSelection.All)).IsRefused.ShouldBeFalse();
    }
}
