using Cutover.Soak;
using Cutover.Tests;
using Shouldly;

namespace Cutover.Cli.Tests.Scenarios;

/// <summary>A short run of bench/Soak: four <c>cutover upgrade --phase all</c> processes at once over a mixed folder
/// (marker rows, slow scripts, concurrent index builds), a random few SIGKILLed mid-run, then the documented recovery.
/// Every script ends up recorded once with its effect once, and no index is left INVALID.</summary>
public sealed class KilledDeployersNeverApplyAScriptTwice(ServerFixture fixture)
{
    [Fact]
    public async Task After_kills_and_recovery_every_script_is_applied_once_and_no_invariant_breaks()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = Directory.CreateTempSubdirectory("cutover-soak-test-");
        try
        {
            var settings = new SoakSettings
            {
                Cutover = ["dotnet", Path.Combine(AppContext.BaseDirectory, "Cutover.Cli.dll")],
                WorkDirectory = work.FullName,
                Deployers = 4,
                Versions = 2,
                BigTableRows = 50_000,
                LockWait = TimeSpan.FromSeconds(30),
            };
            var round = new SoakRound(fixture.Server, null, settings);
            var random = new Random(20261129);
            var tally = new SoakTally();
            var log = new StringWriter();

            for (var r = 1; r <= 2; r++)
            {
                tally.Add(await round.RunAsync(r, random, log, ct));
            }

            tally.Holds.ShouldBeTrue($"{log}\n{tally.Summary()}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
