using Cutover.Testing;

namespace MigrationBench.Peers;

/// <summary>The <c>cutover</c> command, a process per run: <c>cutover upgrade --phase all</c>, either as the dotnet
/// tool (<c>dotnet Cutover.Cli.dll</c>, JIT at every start) or as the NativeAOT binary.</summary>
internal sealed class CutoverCommandPeer(string name, string program, IReadOnlyList<string> prefix,
    ThrowawayServer server, GeneratedMigrations migrations) : IPeer
{
    public string Name { get; } = name;

    public bool KeepsHistory => true;

    public bool RunsInProcess => false;

    public static CutoverCommandPeer DotnetTool(string dll, ThrowawayServer server, GeneratedMigrations migrations) =>
        new("Cutover CLI, `dotnet Cutover.Cli.dll upgrade`", "dotnet", [dll], server, migrations);

    public static CutoverCommandPeer Native(string binary, ThrowawayServer server, GeneratedMigrations migrations) =>
        new("Cutover CLI, NativeAOT `cutover upgrade`", binary, [], server, migrations);

    public Task ApplyAsync(string database) => ChildProcess.RunAsync(program,
        [.. prefix, "upgrade", "--phase", "all", "--connection", server.ConnectionString(database),
            "--dir", migrations.Folder]);
}
