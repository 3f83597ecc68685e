using Cutover.Bench;
namespace MigrationBench.Peers;

/// <summary>grate (the dotnet tool): the scripts copied into its <c>up</c> folder (one-time scripts, run in name
/// order). grate has no transaction per script: by default each script runs without a transaction of its own, and
/// <c>--transaction</c> puts the whole run in one; this row is the default.</summary>
internal sealed class GratePeer(string program, MigrationWorkspace migrations) : IPeer
{
    // grate reads the folders it knows (up, views, sprocs, ...) below the one it is given.
    private readonly string _folder = Path.GetDirectoryName(migrations.CopyTo(Path.Combine("grate", "up"), m => m.FileName))!;

    public string Name => "grate, default (no transaction)";

    public bool KeepsHistory => true;

    public bool RunsInProcess => false;

    public Task ApplyAsync(RunTarget target) => TimedProcess.RunAsync([program],
        ["--connectionstring=" + target.ConnectionString, "--sqlfilesdirectory=" + _folder,
            "--databasetype=postgresql", "--silent",
            // grate keeps a copy of every run and its log here; a folder of the workspace, not the home directory.
            "--outputPath=" + migrations.PeerFolder("grate-output", target.Database)]);
}
