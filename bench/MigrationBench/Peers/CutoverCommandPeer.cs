using Cutover.Bench;
namespace MigrationBench.Peers;

/// <summary>The <c>cutover</c> command, a process per run: <c>cutover upgrade --phase all</c>, either as the dotnet
/// tool (<c>dotnet Cutover.Cli.dll</c>, JIT at every start) or as the NativeAOT binary.</summary>
internal sealed class CutoverCommandPeer(string name, string program, IReadOnlyList<string> prefix,
    MigrationWorkspace migrations) : IPeer
{
    public string Name { get; } = name;

    public bool KeepsHistory => true;

    public bool RunsInProcess => false;

    public static CutoverCommandPeer DotnetTool(string dll, MigrationWorkspace migrations) =>
        new("Cutover CLI, `dotnet Cutover.Cli.dll upgrade`", "dotnet", [dll], migrations);

    public static CutoverCommandPeer Native(string binary, MigrationWorkspace migrations) =>
        new("Cutover CLI, NativeAOT `cutover upgrade`", binary, [], migrations);

    public Task ApplyAsync(RunTarget target) => TimedProcess.RunAsync([program],
        [.. prefix, "upgrade", "--phase", "all", "--connection", target.ConnectionString,
            "--dir", migrations.Folder]);
}
