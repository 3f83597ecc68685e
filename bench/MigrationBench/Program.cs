// The .NET peers side by side: the same generated migrations, one transaction per script wherever the tool allows it,
// applied by every approach to a fresh database of one throwaway server on tmpfs, in the same run:
//
//   dotnet run -c Release --project bench/MigrationBench -- [COUNT=500] [REPETITIONS=5] [--native PATH] [--only WORD,...]
//
//   floor       psql -1 -f of every script concatenated (one process, one transaction, no bookkeeping)
//   BEGIN/COMMIT  the same, each script in a transaction of its own: what a transaction per script costs the server
//   per file    psql -1 -f, one process per file (a shell loop over the folder)
//   Cutover     the library (Migrator.UpgradeAsync), the CLI as a dotnet tool (dotnet Cutover.Cli.dll, built by the
//               project reference) and the NativeAOT binary (--native PATH or CUTOVER_NATIVE; scripts/publish-native.sh
//               builds it; the row is left out, with a note, without one)
//   peers       DbUp, Evolve, FluentMigrator and EF Core as libraries; grate and dbmate as programs, installed at the
//               pinned versions into bench/MigrationBench/.peers (gitignored) on first use
//
// Each repetition runs every approach once, starting one further along each time, and the floor right before each
// (the ratio is to that neighbouring floor run: load swings within seconds on a shared machine); medians of the
// repetitions are reported: wall time, CPU time of client and server together (which the load of other work moves far
// less), and the no-op run: the same approach again on the database it just migrated (start-up and reading its
// history: a command's fixed cost). Libraries get one unmeasured warm-up run each, so their rows are
// warm; programs pay their start-up on every run, as in a deploy. After every run the bench counts the objects the
// migrations make, so no tool skips a script unnoticed. --only keeps the floor and the approaches whose name contains
// a WORD.
//
//   dotnet run -c Release --project bench/MigrationBench -- 2 --trace [--native PATH]
//
// times nothing: it prints every statement each approach sends (from the server's log) for an apply and a no-op run,
// which is where the transactions and locks in docs/benchmarks.md come from.
using System.Globalization;
using System.Runtime.InteropServices;
using Cutover.Testing;
using MigrationBench;
using MigrationBench.Peers;

var positional = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
var count = positional.Count > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 500;
var repetitions = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 5;
var native = Option("--native") ?? Environment.GetEnvironmentVariable("CUTOVER_NATIVE");
var only = Option("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
var trace = args.Contains("--trace");

var tools = new PeerTools();
var migrations = MigrationWorkspace.Write(count);
try
{
    await RunAsync();
}
finally
{
    Directory.Delete(migrations.Root, recursive: true);
}

async Task RunAsync()
{
    var loadAtStart = LoadAverage();
    await using var server = await ThrowawayServer.StartAsync(new ThrowawayServerOptions
    {
        ParentDirectory = "/dev/shm",
        // No autovacuum: a worker waking up on one approach's 500 new tables would be counted in the next run's CPU.
        Settings = new Dictionary<string, string>(trace ? StatementTrace.ServerSettings : new Dictionary<string, string>())
        {
            ["autovacuum"] = "off",
        },
    });
    var notes = new List<string>();
    var peers = new List<IPeer>
    {
        PsqlPeer.Floor(server, migrations),
        PsqlPeer.TransactionPerScript(server, migrations),
        PsqlPeer.PerFile(server, migrations),
        new CutoverLibraryPeer(server, migrations),
        CutoverCommandPeer.DotnetTool(tools.CutoverCliDll, migrations),
    };
    if (native is not null && File.Exists(native))
    {
        peers.Add(CutoverCommandPeer.Native(Path.GetFullPath(native), migrations));
    }
    else
    {
        notes.Add("Cutover NativeAOT left out: " +
            (native is null ? "no --native PATH nor CUTOVER_NATIVE" : native + " does not exist") +
            " (scripts/publish-native.sh DIR builds DIR/cutover)");
    }

    peers.Add(new DbUpPeer(migrations));
    peers.Add(new EvolvePeer(migrations));
    peers.Add(new FluentMigratorPeer(migrations));
    peers.Add(new EfCorePeer(migrations));
    peers.Add(new GratePeer(await tools.GrateAsync(), migrations));
    peers.Add(new DbmatePeer(await tools.DbmateAsync(), server, migrations));
    if (only is not null)
    {
        peers = [peers[0], .. peers.Skip(1).Where(p => only.Any(w => p.Name.Contains(w, StringComparison.OrdinalIgnoreCase)))];
    }

    if (trace)
    {
        await StatementTrace.PrintAsync(server, peers, Console.Out);
        return;
    }

    // Ctrl+C or SIGTERM stops after the run in progress, so the server is stopped and the workspace deleted.
    using var stop = new CancellationTokenSource();
    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    var run = new BenchRun(server, migrations, peers);
    await Console.Error.WriteLineAsync("warming up the libraries ...");
    var cold = await run.WarmUpAsync();
    for (var r = 0; r < repetitions && !stop.IsCancellationRequested; r++)
    {
        await Console.Error.WriteLineAsync($"repetition {r + 1} of {repetitions}");
        await run.RepeatAsync(r, stop.Token);
    }

    Console.WriteLine($"{count} migrations, {repetitions} repetitions, PostgreSQL {server.MajorVersion} on /dev/shm, " +
        $"{Environment.ProcessorCount} cores, load average (1, 5, 15 min) at the start: {loadAtStart}, at the end: {LoadAverage()}");
    run.Print(Console.Out);
    foreach (var (peer, milliseconds) in cold)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- first (cold) run in this process: {peer.Name}: {milliseconds:N0} ms"));
    }

    foreach (var note in notes)
    {
        Console.WriteLine("- " + note);
    }

    void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        stop.Cancel();
        Console.Error.WriteLine("stopping after the run in progress ...");
    }
}

string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
