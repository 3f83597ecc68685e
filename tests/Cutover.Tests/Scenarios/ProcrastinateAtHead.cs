using Cutover.Scripts;
using Cutover.Tests.Snapshots;

namespace Cutover.Tests.Scenarios;

/// <summary>Procrastinate databases with every migration applied, cloned from a snapshot built once per server
/// instead of replayed for each test.</summary>
public sealed class ProcrastinateAtHead(ServerFixture server) : SnapshotDatabaseFixture(server)
{
    protected override Task<MigrationSet> LoadScriptsAsync() =>
        MigrationSet.LoadAsync(new DirectoryScriptSource(SharedCorpus.Path("procrastinate", "migrations")));
}
