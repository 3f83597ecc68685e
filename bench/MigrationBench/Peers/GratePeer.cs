namespace MigrationBench.Peers;

/// <summary>grate (the dotnet tool): the scripts copied into its <c>up</c> folder (one-time scripts, run in name
/// order). grate has no transaction per script: by default each script runs without a transaction of its own, and
/// <c>--transaction</c> puts the whole run in one; this row is the default.</summary>
internal sealed class GratePeer : IPeer
{
    private readonly string _program;
    private readonly GeneratedMigrations _migrations;
    private readonly string _folder;

    public GratePeer(string program, GeneratedMigrations migrations)
    {
        _program = program;
        _migrations = migrations;
        _folder = migrations.PeerFolder("grate");
        var up = migrations.PeerFolder("grate", "up");
        foreach (var migration in migrations.Migrations)
        {
            File.WriteAllText(Path.Combine(up, migration.FileName), migration.Sql);
        }
    }

    public string Name => "grate, default (no transaction)";

    public bool KeepsHistory => true;

    public bool RunsInProcess => false;

    public Task ApplyAsync(RunTarget target) => ChildProcess.RunAsync(_program,
        ["--connectionstring=" + target.ConnectionString, "--sqlfilesdirectory=" + _folder,
            "--databasetype=postgresql", "--silent",
            // grate keeps a copy of every run and its log here; a folder of the workspace, not the home directory.
            "--outputPath=" + _migrations.PeerFolder("grate-output", target.Database)]);
}
