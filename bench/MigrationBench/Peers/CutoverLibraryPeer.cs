using Cutover.Execution;
using Cutover.Planning;
using Cutover.Scripts;
using Cutover.Testing;

namespace MigrationBench.Peers;

/// <summary>Cutover through the library: reads and parses the folder, then <c>Migrator.UpgradeAsync</c> (deploy lock,
/// then one transaction per script with its journal row and lock timeout).</summary>
internal sealed class CutoverLibraryPeer(ThrowawayServer server, MigrationWorkspace migrations) : IPeer
{
    public string Name => "Cutover library, `Migrator.UpgradeAsync`";

    public bool KeepsHistory => true;

    public bool RunsInProcess => true;

    public async Task ApplyAsync(RunTarget target)
    {
        // Loading is timed too: every other tool reads its folder on each run.
        var scripts = await MigrationSet.LoadAsync(new DirectoryScriptSource(migrations.Folder));
        await using var dataSource = server.CreateDataSource(target.Database);
        await new Migrator(dataSource, scripts).UpgradeAsync(
            new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All) });
    }
}
