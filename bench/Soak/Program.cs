// A robustness soak for concurrent deployers: every round, a fresh database and a fresh mixed migration folder
// (transactional scripts with marker rows, slow ones, CREATE INDEX CONCURRENTLY and REINDEX INDEX CONCURRENTLY in
// no-transaction scripts); N `cutover upgrade --phase all` processes at once; SIGKILL for a random few at a random
// point (during a concurrent index build, or after a random number of journal rows); the recovery the docs describe
// (status, fix by hand, repair, upgrade); then the invariants: each script recorded once and its marker row once, none
// lost, no INVALID index, no deployer failed or hung, no lock left behind. Exit 1 if any broke.
//
//   dotnet run -c Release --project bench/Soak -- [--rounds 30] [--deployers 8] [--seed N] [--pgbouncer]
//       [--cutover "dotnet /path/Cutover.Cli.dll"] [--lock-wait 60] [--rows 200000] [--versions 4]
using System.Diagnostics;
using System.Globalization;
using Cutover.Soak;
using Cutover.Testing;

var options = ParseOptions(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Soak [--rounds R] [--deployers N] [--seed S] [--pgbouncer] [--cutover CMD] " +
        "[--lock-wait SECONDS] [--rows N] [--versions N]");
    return 2;
}

var rounds = Number(options, "--rounds", 30);
var seed = Number(options, "--seed", Random.Shared.Next());
var usePgBouncer = options.ContainsKey("--pgbouncer");
var cutover = options.TryGetValue("--cutover", out var command)
    ? command.Split(' ', StringSplitOptions.RemoveEmptyEntries)
    : ["dotnet", Path.Combine(AppContext.BaseDirectory, "Cutover.Cli.dll")];
var work = Directory.CreateTempSubdirectory("cutover-soak-").FullName;
var settings = new SoakSettings
{
    Cutover = cutover,
    WorkDirectory = work,
    Deployers = Number(options, "--deployers", 8),
    Versions = Number(options, "--versions", 4),
    BigTableRows = Number(options, "--rows", 200_000),
    LockWait = TimeSpan.FromSeconds(Number(options, "--lock-wait", 60)),
};

// Ctrl+C (or kill -INT) stops after the current step and still disposes the server, PgBouncer and the folder.
using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted.Cancel();
};

await using var server = await ThrowawayServer.StartAsync(new ThrowawayServerOptions { ParentDirectory = "/dev/shm" });
await using var bouncer = usePgBouncer
    ? await ThrowawayPgBouncer.StartAsync(server, new ThrowawayPgBouncerOptions { ParentDirectory = "/dev/shm" })
    : null;
Console.WriteLine($"soak: {rounds} rounds x {settings.Deployers} deployers, seed {seed}, PostgreSQL {server.MajorVersion} on " +
    $"/dev/shm, {(bouncer is null ? "direct connections" : $"through PgBouncer ({bouncer.PoolMode} pooling)")}, " +
    $"{Environment.ProcessorCount} cores");

var random = new Random(seed);
var round = new SoakRound(server, bouncer, settings);
var tally = new SoakTally();
var started = Stopwatch.GetTimestamp();
try
{
    for (var r = 1; r <= rounds; r++)
    {
        tally.Add(await round.RunAsync(r, random, Console.Out, interrupted.Token));
    }
}
catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
{
    Console.WriteLine($"interrupted after {tally.Rounds.Count} round(s)");
}

Console.WriteLine();
Console.WriteLine($"seed {seed}, {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");
Console.Write(tally.Summary());
Directory.Delete(work, recursive: true);
return tally.Holds && !interrupted.IsCancellationRequested ? 0 : 1;

static Dictionary<string, string>? ParseOptions(string[] args)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--pgbouncer":
                options[args[i]] = "";
                break;
            case "--rounds" or "--deployers" or "--seed" or "--cutover" or "--lock-wait" or "--rows" or "--versions"
                when i + 1 < args.Length:
                options[args[i]] = args[++i];
                break;
            default:
                return null;
        }
    }

    return options;
}

static int Number(Dictionary<string, string> options, string name, int fallback) =>
    options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
