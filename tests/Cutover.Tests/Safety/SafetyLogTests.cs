using Cutover.Safety;
using Cutover.Tests.PostDeploy;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace Cutover.Tests.Safety;

public sealed class SafetyLogTests(ServerFixture fixture)
{
    [Fact]
    public async Task Lint_logs_by_event_id_in_the_safety_range()
    {
        using var sink = new CapturingLoggerFactory();
        var source = new ScriptList(
            (LintCase.Setup, "CREATE TABLE t (id int PRIMARY KEY);"),
            ("02.00.00_50_post_x.sql", "CREATE INDEX t_id ON t (id);"),
            ("02.00.00_51_post_y.sql", "ALTER TABLE missing ADD COLUMN x int;"),
            ("02.00.00_52_post_z.sql", "ALTER TABLE t ADD COLUMN z int;"));

        await new Linter(fixture.Server.DatabaseServer, logger: sink.CreateLogger<Linter>())
            .LintAsync(source, ["02.00.00_50_post_x.sql", "02.00.00_52_post_z.sql"], TestContext.Current.CancellationToken);

        sink.EventIds.ShouldContain(CutoverEventIds.LintScratchReady);
        sink.EventIds.ShouldContain(CutoverEventIds.LintScriptObserved);
        sink.EventIds.ShouldContain(CutoverEventIds.LintObservationStopped);
        sink.EventIds.ShouldContain(CutoverEventIds.LintFinished);
        sink.EventIds.ShouldAllBe(id => id >= 6000 && id < 7000);
    }
}
