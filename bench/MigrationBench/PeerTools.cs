using System.Runtime.InteropServices;
using Cutover.Bench;

namespace MigrationBench;

/// <summary>Finds the peers that are programs, installing the pinned versions into the bench's own gitignored
/// <c>.peers</c> folder on first use (they are never dependencies of the product).</summary>
internal sealed class PeerTools
{
    public const string GrateVersion = "2.2.0";
    public const string DbmateVersion = "2.36.0";

    private readonly string _peers;

    public PeerTools()
    {
        // bin/Release/net10.0 under the project folder, or wherever it was built: look for the project file.
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "MigrationBench.csproj")))
        {
            folder = folder.Parent;
        }

        BenchFolder = folder?.FullName ?? throw new InvalidOperationException(
            "run the bench from its project (dotnet run --project bench/MigrationBench): its folder holds the peers");
        _peers = Path.Combine(BenchFolder, ".peers");
    }

    public string BenchFolder { get; }

    /// <summary>The Cutover CLI the project reference builds next to the library, in the same configuration.</summary>
    public string CutoverCliDll => Path.GetFullPath(Path.Combine(BenchFolder, "..", "..", "src", "Cutover.Cli", "bin",
        Configuration, "net10.0", "Cutover.Cli.dll"));

    // bin/CONFIGURATION/net10.0/: the configuration this bench was built in, which built the CLI too.
    private static string Configuration => Path.GetFileName(Path.GetDirectoryName(
        Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;

    public async Task<string> GrateAsync()
    {
        var grate = Path.Combine(_peers, "grate", "grate");
        if (!File.Exists(grate))
        {
            await Console.Error.WriteLineAsync($"installing grate {GrateVersion} into {_peers}/grate ...");
            await TimedProcess.RunAsync(["dotnet"], ["tool", "install", "grate", "--version", GrateVersion,
                "--tool-path", Path.Combine(_peers, "grate")]);
        }

        return grate;
    }

    /// <summary>The dbmate binary itself: the npm package's <c>dbmate</c> command is a node script that starts it,
    /// which would add node's start-up to every run.</summary>
    public async Task<string> DbmateAsync()
    {
        var platform = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        var dbmate = Path.Combine(_peers, "node_modules", "@dbmate", platform, "bin", "dbmate");
        if (!File.Exists(dbmate))
        {
            await Console.Error.WriteLineAsync($"installing dbmate {DbmateVersion} into {_peers} ...");
            await TimedProcess.RunAsync(["npm"], ["install", "--prefix", _peers, "--no-save", "dbmate@" + DbmateVersion]);
        }

        return dbmate;
    }
}
